; overflow mul
(define (f) (* 4611686018427387904 2)) (f)
