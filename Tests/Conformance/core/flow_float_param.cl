; flow float param
(define (f x) (+ x 1)) (define g f) (print (g 2.5))
