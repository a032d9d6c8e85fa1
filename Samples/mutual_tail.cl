; mutual_tail: mutual tail recursion of 1,000,000 calls in constant stack,
; between top-level functions and between let-bound closures.
(define (ping n)
  (if (= n 0) "ping" (pong (- n 1))))
(define (pong n)
  (if (= n 0) "pong" (ping (- n 1))))

(print (ping 1000000))
(print (ping 999999))

(let ((a (lambda (n acc) (if (= n 0) acc (b (- n 1) (+ acc 1)))))
      (b (lambda (n acc) (if (= n 0) acc (a (- n 1) (+ acc 2))))))
  (print (a 1000000 0)))

(define (is-even? n) (or (= n 0) (is-odd? (- n 1))))
(define (is-odd? n) (and (!= n 0) (is-even? (- n 1))))
(print (is-even? 1000000) (is-odd? 1000001))
