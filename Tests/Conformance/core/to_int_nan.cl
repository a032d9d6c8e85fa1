; to int nan
(print (to-int (/ 0.0 0)))
