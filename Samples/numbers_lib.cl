; numbers_lib: the numeric library of section 13 with the section 14 rules
; (Float in gives Float out for floor/ceil/round/truncate; round is half-to-even;
; pow and sqrt give Floats; min/max give a Float when any argument is a Float).
(print (abs -5) (abs 5) (abs -2.5) (neg 5) (neg -1.5))
(print (min 3 1 2) (max 3 1 2) (min 1 2.0) (max 1 2.5) (min -1.5 3))
(print (inc 41) (dec 43) (inc -1))
(print (sqrt 16) (sqrt 2) (sqrt 2.25) (sqrt -1))
(print (pow 2 10) (pow 2.0 0.5) (pow 10 -2) (pow 2 0))
(print (floor 2.7) (floor -2.7) (floor 5) (ceil 2.1) (ceil -2.1) (ceil 5))
(print (round 0.5) (round 1.5) (round 2.5) (round -2.5) (round 2.6) (round -0.4) (round 7))
(print (truncate 2.7) (truncate -2.7) (truncate 3))
(print (to-int 3.9) (to-int -3.9) (to-int 5) (to-float 3) (to-float 2.5))
(print (gcd 12 18) (gcd 12 18 24) (gcd 7 0) (lcm 4 6) (lcm 2 3 4))
(print (even? 4) (even? -3) (odd? 4) (odd? -3) (even? 0))
(print (zero? 0) (zero? 0.0) (zero? 1) (positive? 0) (positive? 2.5) (negative? -1) (negative? 0))
(print pi e (* 2 pi))
(print (exp 0) (log 1) (log 0) (sin 0) (cos 0))
(print (+ (floor 2.5) 1) (* (round 3) 2))
