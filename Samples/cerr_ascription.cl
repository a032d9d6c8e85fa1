; a value whose type can never be the declared one is a compile error
(print "never printed")
(print (: "one" Int))
(print (: [1 2] (List String)))
(define (f x) (: x Float))
(print (f 1.5))
