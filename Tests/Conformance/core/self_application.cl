; a function applied to itself (a recursive function type)
(define (id x) x)
(print (id id))
(print ((id id) 5))
