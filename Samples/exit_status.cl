; exit_status: io:exit flushes what was printed and ends with the given status.
(print "before exit")
(define (finish code) (io:exit code))
(finish 3)
(print "after exit")
