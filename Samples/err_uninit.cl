; err_uninit: a top-level expression calls a function that reads a global
; whose define has not run yet: the runtime error unbound-variable.
(define (show-limit) (print "limit is" limit))
(print "start")
(show-limit)
(define limit 10)
(print "not reached")
