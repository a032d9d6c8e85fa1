; int division
(print (/ 7 2) (/ -7 2) (mod -7 2) (rem -7 2) (quot -7 2) (/ 7.0 2) (mod 7 -2))
