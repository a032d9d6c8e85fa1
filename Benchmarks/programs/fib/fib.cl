; Naive recursive Fibonacci; N from the command line (default 38).
(define (fib n)
  (if (< n 2)
      n
      (+ (fib (- n 1)) (fib (- n 2)))))

(define args (io:args))
(define n (if (empty? args) 38 (string->number (head args))))
(print (fib n))
