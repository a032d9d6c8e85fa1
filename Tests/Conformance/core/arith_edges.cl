; arith edges
(print (- 5) (+) (*) (* 3) (/ 2) (/ 2.0))
