; err_overflow: Int overflow in * is the runtime error integer-overflow, never
; a silent wrap; output printed before the error is kept.
(define (mul a b)
  (* a b))
(print "start")
(print (mul 3037000499 3037000499))
(print (mul 4611686018427387904 2))
(print "not reached")
