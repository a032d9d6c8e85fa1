; cerr_unbound: a name bound nowhere is a compile error (status 2), even in
; code that never runs; nothing is printed.
(print "never printed")
(define (never-called) (foo 1))
