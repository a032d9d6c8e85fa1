; local mutual recursion
(define (f) (define (ev n) (if (= n 0) #t (od (- n 1)))) (define (od n) (if (= n 0) #f (ev (- n 1)))) (ev 100001)) (print (f))
