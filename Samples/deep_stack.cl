; deep_stack: 1,000,000 nested non-tail calls must work (section 14) before
; stack-overflow is reported.
(define (depth n)
  (if (= n 0)
      0
      (+ 1 (depth (- n 1)))))

(print (depth 1000000))
