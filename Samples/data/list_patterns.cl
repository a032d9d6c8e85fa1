; list, tuple and literal patterns
(define (describe xs)
  (match xs
    ([] "empty")
    ([x] (concat "one: " (to-string x)))
    ([1, 2 ...rest] (concat "starts 1 2, then " (to-string rest)))
    ([x y] (concat "two: " (to-string x) " " (to-string y)))
    ([x ...rest] (concat "many, first " (to-string x) " rest " (to-string (length rest))))))

(print (describe []))
(print (describe [7]))
(print (describe [1 2 3 4]))
(print (describe [1 2]))
(print (describe ["a" "b"]))
(print (describe [9 8 7]))

(define (sum-list xs)
  (match xs ([] 0) ([x ...r] (+ x (sum-list r)))))
(print (sum-list [1 2 3 4 5]))

(define (classify v)
  (match v
    (0 "zero")
    (1.5 "one and a half")
    ("hi" "greeting")
    (#t "true")
    (nil "nil")
    ((tuple a 0) (concat "pair ending in zero, first " (to-string a)))
    ((tuple _ _) "pair")
    (_ "something else")))
(print (classify 0) (classify 0.0) (classify 1.5) (classify "hi") (classify #t) (classify nil))
(print (classify (tuple "x" 0)) (classify (tuple 1 2)) (classify (tuple 1 2 3)) (classify #f))

(define (zip-sum ps)
  (match ps
    ([] 0)
    ([(tuple a b) ...more] (+ a b (zip-sum more)))))
(print (zip-sum (zip [1 2 3] [10 20 30])))
(print (match [1 [2 3]] ([a [b c]] (+ a b c))))
