; numbers lib
(print (abs -5) (abs -5.5) (min 1 2.0) (max 3 1) (round 2.5) (round 3.5) (floor 2.7) (pow 2 10) (sqrt 16))
