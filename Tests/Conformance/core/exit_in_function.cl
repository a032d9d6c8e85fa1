; exit in function
(define (f) (io:exit 3)) (print "a") (f) (print "b")
