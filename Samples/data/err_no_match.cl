(define (f x)
  (match x
    (1 "one")
    ([a] "list")))
(print (f 1))
(print (f [5]))
(print (f "two"))
