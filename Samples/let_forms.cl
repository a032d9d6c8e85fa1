; let_forms: let is recursive (letrec* semantics): a let-bound lambda can call
; itself, bindings see each other, inits run in order; letrec and let* are synonyms.
(let ((fact (lambda (n) (if (= n 0) 1 (* n (fact (- n 1)))))))
  (print (fact 10)))

(let ((x 1)
      (y 2))
  (print (+ x y)))

(let* ((a 2)
       (b (* a 10))
       (c (+ a b)))
  (print a b c))

(letrec ((ev? (lambda (n) (if (= n 0) #t (od? (- n 1)))))
         (od? (lambda (n) (if (= n 0) #f (ev? (- n 1))))))
  (print (ev? 10) (od? 7)))

(define (sum-list xs)
  (let ((loop (lambda (ys acc)
                (if (empty? ys) acc (loop (tail ys) (+ acc (head ys)))))))
    (loop xs 0)))
(print (sum-list [1 2 3 4 5]))

(let ((order (lambda (tag) (print "init" tag) tag)))
  (let ((p (order 1))
        (q (order 2))
        (r (order 3)))
    (print p q r)))

(let ((outer 10))
  (let ((inner (+ outer 5)))
    (print outer inner)))

(define result
  (let ((sq (lambda (v) (* v v))))
    (sq 12)))
(print result)

(print (let ((s "body") (t "value")) (concat s " " t)))
