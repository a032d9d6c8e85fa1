; err_type_any: an Any value of the wrong kind reaching + is a type-error at
; run time (string->number gives nil for text that is not a number).
(define (parse s) (string->number s))
(print (+ 1 (parse "41")))
(print (+ 1 (parse "x")))
(print "not reached")
