; div zero
(print (/ 1 0))
