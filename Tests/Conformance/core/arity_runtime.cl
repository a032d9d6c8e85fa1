; arity runtime
(define (f a b) a) (define h f) (print (h 1))
