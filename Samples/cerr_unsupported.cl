; Forms the compiler cannot compile yet are reported where they stand,
; all of them, with exit status 2 (nothing runs).
(print "never printed")
(data Shape (Circle Float) (Rect Float Float))
(define (area s)
  (match s
    ((Circle r) (* 3.14 (* r r)))
    (_ 0.0)))
