; cerr_arity: calling a known function with the wrong number of arguments is
; a compile error.
(define (f a b) (+ a b))
(print "never printed")
(print (f 1 2 3))
