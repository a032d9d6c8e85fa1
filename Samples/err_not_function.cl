; err_not_function: calling a value that is not a function, found at run
; time in a list of mixed values, is a type-error.
(define items [inc 5 dec])
(define (apply-all fs v)
  (unless (empty? fs)
    (print ((head fs) v))
    (apply-all (tail fs) v)))
(apply-all items 10)
(print "not reached")
