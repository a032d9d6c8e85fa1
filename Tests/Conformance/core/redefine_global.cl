; redefine global
(define x 1) (define (getx) x) (define x 2) (print (getx))
