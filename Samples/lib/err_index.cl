(print (string-ref "abc" 1))
(print (nth [1 2 3] 5))
