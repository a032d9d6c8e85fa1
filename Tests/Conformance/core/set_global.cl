; set global
(define x 10) (set! x (+ x 1)) (print x)
