; map and filter over lists longer than the library's recursion depth
; (1000): same results, callbacks still called in order.
(print (length (filter even? (range 5000))) (take (filter (lambda (x) (> x 2.5)) (map (lambda (x) (* x 1.5)) (range 3000))) 3))
(print (length (map to-string (range 2500))) (take (reverse (map (lambda (x) (if (even? x) x "odd")) (range 2001))) 4))
(define seen (map (lambda (x) (if (> x 997) (print "visit" x) nil) x) (range 1003)))
(print (length seen) (last seen) (filter (lambda (x) (== (mod x 1000) 999)) (range 3000)))
(print (== (map inc (range 1500)) (range 1 1501)) (sum (filter odd? (range 10001))))
