; tail_loop: tail calls run in constant stack: a loop of 10,000,000 iterations
; (a self-call in an if branch), then 1,000,000 through a cond clause of a local define.
(define (sum-to i acc)
  (if (= i 0)
      acc
      (sum-to (- i 1) (+ acc i))))
(print (sum-to 10000000 0))

(define (count-down n)
  (define (go k steps)
    (cond ((= k 0) steps)
          (else (go (- k 1) (+ steps 1)))))
  (go n 0))
(print (count-down 1000000))
