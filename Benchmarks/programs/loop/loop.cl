; Tail-recursive loop: acc' = (acc*31 + i) mod 1000000007 for i in [0, N); N from the command line (default 100000000).
(define (loop i n acc)
  (if (< i n)
      (loop (+ i 1) n (mod (+ (* acc 31) i) 1000000007))
      acc))

(define args (io:args))
(define n (if (empty? args) 100000000 (string->number (head args))))
(print (loop 0 n 0))
