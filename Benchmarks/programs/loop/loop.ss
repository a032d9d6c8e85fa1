;; Tail-recursive loop: acc' = (acc*31 + i) mod 1000000007 for i in [0, N); N from the command line (default 100000000).
(import (chezscheme))

(define (run n)
  (let loop ([i 0] [acc 0])
    (if (< i n)
        (loop (+ i 1) (modulo (+ (* acc 31) i) 1000000007))
        acc)))

(define n
  (let ([args (command-line-arguments)])
    (if (null? args) 100000000 (string->number (car args)))))

(display (run n))
(newline)
