; higher order
(define (apply-twice f x) (f (f x))) (print (apply-twice (lambda (x) (* x 2)) 5) (apply-twice inc 5))
