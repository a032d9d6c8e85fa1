; data types, constructors as values, and match on them
(data Shape (Circle Float) (Rect Float Float) (Dot))

(define (area s)
  (match s
    ((Circle r) (* 3.0 (* r r)))
    ((Rect w h) (* w h))
    (Dot 0.0)))

(print (area (Circle 2.0)))
(print (area (Rect 3.0 4.5)))
(print (area Dot))
(print (Circle 1.5) (Rect 1.0 2.0) Dot)
(print [Dot (Circle 1.0)])
(define make-rect Rect)
(print (make-rect 2.0 3.0))
(print Rect Dot)
(print (map area [(Circle 1.0) Dot (Rect 2.0 2.0)]))
(print (== (Circle 1.0) (Circle 1.0)) (== (Circle 1.0) (Circle 2.0)) (== Dot Dot))
