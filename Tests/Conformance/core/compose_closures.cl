; compose closures
(define (compose f g) (lambda (x) (f (g x)))) (print ((compose inc (lambda (x) (* x 2))) 5))
