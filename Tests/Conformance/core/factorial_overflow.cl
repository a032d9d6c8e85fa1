; factorial overflow
(define (fact n) (if (= n 0) 1 (* n (fact (- n 1))))) (print (fact 20)) (print (fact 21))
