; variadic arith
(print (+ 1 2 3.0) (* 2 3 0.5) (- 10 1 2) (/ 100 2 5))
