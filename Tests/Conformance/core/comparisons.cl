; comparisons
(print (< 1 2 3) (< 1 3 2) (< 1 2.5) (>= 3 3 2) (< "a" "b"))
