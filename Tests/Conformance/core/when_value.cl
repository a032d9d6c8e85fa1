; when value
(define (f x) (when (> x 0) (print "pos") x)) (print (f 1)) (print (f -1))
