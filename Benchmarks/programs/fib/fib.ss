;; Naive recursive Fibonacci; N from the command line (default 38).
(import (chezscheme))

(define (fib n)
  (if (< n 2)
      n
      (+ (fib (- n 1)) (fib (- n 2)))))

(define n
  (let ([args (command-line-arguments)])
    (if (null? args) 38 (string->number (car args)))))

(display (fib n))
(newline)
