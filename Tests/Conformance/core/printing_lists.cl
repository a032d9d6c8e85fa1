; printing lists
(define xs [1 "a" 2.5 nil #t [1 2] "q\"\n"]) (print xs) (print (to-string xs))
