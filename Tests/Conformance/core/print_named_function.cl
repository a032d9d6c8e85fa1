; print named function
(define (foo) 1) (print foo)
