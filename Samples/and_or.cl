; and_or: short-circuit evaluation; the value is the last operand evaluated.
(print (and 1 2 3) (and 1 #f 3) (and 1 nil 3) (and))
(print (or #f nil 7) (or #f nil) (or) (or 0 1) (or #f "x"))
(print (and #t) (or #f))
(define (noisy tag v) (print "eval" tag) v)
(print (and (noisy "a" #t) (noisy "b" #f) (noisy "c" #t)))
(print (or (noisy "d" #f) (noisy "e" 42) (noisy "f" 43)))
(print (and [] "" 0))
(print (or nil #f []))
