; closures in list
(define lst [(lambda (x) (+ x 1)) (lambda (x) (* x 2))]) (print ((head lst) 5) ((head (tail lst)) 5))
