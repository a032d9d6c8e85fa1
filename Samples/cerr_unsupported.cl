; Forms the compiler cannot compile yet are reported where they stand,
; all of them, with exit status 2 (nothing runs).
(print "never printed")
(define-foreign c-cos "cos" (Float) Float)
(define (area s) s)
(spec:contract area :requires [(> s 0)])
