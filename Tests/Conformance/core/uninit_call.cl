; uninit call
(define (f x) (g x)) (print (f 1)) (define (g x) x)
