; mixed add
(define (add a b) (+ a b)) (print (add 1 2) (add 1.5 2))
