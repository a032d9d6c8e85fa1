; an arithmetic-expression evaluator and simplifier with data and match
(data Expr
  (Num Int)
  (Var String)
  (Add Expr Expr)
  (Mul Expr Expr)
  (Neg Expr))

(define (lookup env name)
  (match env
    ([] (error:raise "unbound" name))
    ([(tuple k v) ...rest] (if (== k name) v (lookup rest name)))))

(define (eval-expr e env)
  (match e
    ((Num n) n)
    ((Var x) (lookup env x))
    ((Add a b) (+ (eval-expr a env) (eval-expr b env)))
    ((Mul a b) (* (eval-expr a env) (eval-expr b env)))
    ((Neg a) (- (eval-expr a env)))))

(define (simplify e)
  (match e
    ((Add (Num 0) x) (simplify x))
    ((Add x (Num 0)) (simplify x))
    ((Mul (Num 1) x) (simplify x))
    ((Mul x (Num 1)) (simplify x))
    ((Mul (Num 0) _) (Num 0))
    ((Mul _ (Num 0)) (Num 0))
    ((Add a b) (Add (simplify a) (simplify b)))
    ((Mul a b) (Mul (simplify a) (simplify b)))
    ((Neg (Neg x)) (simplify x))
    ((Neg x) (Neg (simplify x)))
    (_ e)))

(define (show e)
  (match e
    ((Num n) (to-string n))
    ((Var x) x)
    ((Add a b) (concat "(" (show a) " + " (show b) ")"))
    ((Mul a b) (concat (show a) " * " (show b)))
    ((Neg a) (concat "-" (show a)))))

(define env [(tuple "x" 5) (tuple "y" 7)])
(define e1 (Add (Mul (Num 1) (Var "x")) (Add (Num 0) (Mul (Var "y") (Num 3)))))
(print (show e1))
(print (show (simplify e1)))
(print (eval-expr e1 env) (eval-expr (simplify e1) env))
(print (simplify (Neg (Neg (Mul (Num 0) (Var "z"))))))
(print (eval-expr (Neg (Add (Num 2) (Var "y"))) env))
