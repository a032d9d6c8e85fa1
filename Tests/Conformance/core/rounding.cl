; rounding
(print (truncate -2.5) (ceil 2.1) (round -2.5) (round 2) (floor 3))
