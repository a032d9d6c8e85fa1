; global counter
(define counter 0) (define (incr!) (set! counter (+ counter 1))) (incr!) (incr!) (print counter)
