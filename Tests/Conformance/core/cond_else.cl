; cond else
(define (f x) (cond ((> x 0) "pos") ((< x 0) "neg") (else "zero"))) (print (f 1) (f -1) (f 0))
