; nth range
(print (nth [1 2 3] 5))
