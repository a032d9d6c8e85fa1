; err_head_empty: head of [] is the runtime error empty-list.
(define (first-of xs) (head xs))
(print (first-of [1 2]))
(print (first-of []))
(print "not reached")
