; list building
(define (f n) (if (= n 0) [] (cons n (f (- n 1))))) (print (f 5)) (print (reverse (f 5)) (append [1] [2 3] [] [4]))
