; redefinition: redefining a top-level name assigns the same variable, so
; functions that read it see the new value.
(define x 1)
(define (show-x) x)
(print x (show-x))
(define x 2)
(print x (show-x))

(define (greet) "hello")
(define (greet-twice) (concat (greet) " " (greet)))
(print (greet-twice))
(define (greet) "bye")
(print (greet-twice))

(define limit 5)
(define (over-limit? n) (> n limit))
(print (over-limit? 7))
(define limit 10)
(print (over-limit? 7))
