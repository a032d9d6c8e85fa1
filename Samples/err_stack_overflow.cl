; err_stack_overflow: unbounded non-tail recursion reports stack-overflow
; (never a bare SIGSEGV). The location is not compared: see .expected-err-prefix.
(define (f n) (+ 1 (f n)))
(print "start")
(print (f 0))
(print "not reached")
