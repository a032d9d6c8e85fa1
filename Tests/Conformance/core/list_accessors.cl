; list accessors
(define l (list 1 2 3)) (print (car l) (cdr l) (first l) (rest l) (last l) (empty? l) (null? nil))
