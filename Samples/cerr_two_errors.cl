; cerr_two_errors: every error in a file is reported, in source order.
(define (area w h) (* w hieght))
(print (area 2 3))
(print (are 2 3))
