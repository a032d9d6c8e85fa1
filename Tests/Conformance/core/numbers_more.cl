; numbers more
(print (to-int 3.9) (to-float 2) (gcd 12 18) (lcm 4 6) (even? 4) (odd? 4) (zero? 0) (negative? -1))
