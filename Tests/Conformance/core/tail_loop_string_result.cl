; tail loop string result
(define (f n) (if (> n 0) (f (- n 1)) "done")) (print (f 1000000))
