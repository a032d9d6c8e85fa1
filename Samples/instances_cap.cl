; more argument-type combinations than a function gets instances: the rest share its generic version
(define (show x) (concat "<" (to-string x) ">"))
(print (show 1) (show 2.5) (show "s") (show #t) (show nil) (show [1]) (show ["a"]) (show (tuple 1 2)))
(print (show [1.5]) (show [[1]]) (show (tuple "a" 1)) (show [#t]) (show inc))
(define (twice x) (+ x x))
(print (twice 1) (twice 1.5) (twice (string->number "3")) (twice (string->number "2.5")))
