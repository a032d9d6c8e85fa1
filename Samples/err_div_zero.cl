; err_div_zero: Int division by zero is the runtime error division-by-zero
; (Float division by zero is not an error).
(define (ratio a b)
  (/ a b))
(print (ratio 10 3))
(print (/ 1.0 0))
(print (ratio 1 0))
(print "not reached")
