; float accumulator
(define (loop i acc) (if (< i 10) (loop (+ i 1) (+ acc 0.5)) acc)) (print (loop 0 0))
