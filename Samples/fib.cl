; fib: naive doubly-recursive Fibonacci (about 250,000 calls).
(define (fib n)
  (if (< n 2)
      n
      (+ (fib (- n 1)) (fib (- n 2)))))

(print (fib 25))
