; internal defines
(define (f) (define a 1) (define (g) (+ a 1)) (g)) (print (f))
