; err_nth_range: nth past the end is the runtime error index-out-of-range.
(define xs [1 2 3])
(print (nth xs 2))
(print (nth xs 5))
(print "not reached")
