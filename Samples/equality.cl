; equality: == / = are structural on numbers, strings, lists and nil,
; numeric across Int and Float by exact value; != / not= negate; functions
; compare by identity.
(print (== [1 2 3] [1 2 3]) (== [1 2] [1 2 3]) (== [] []))
(print (== [[1 2] ["a"]] [[1 2] ["a"]]) (== ["a"] ["b"]))
(print (== 1 1.0) (= 2 2) (== 1 "1") (== "abc" "abc") (== "abc" "abd"))
(print (== nil []) (== nil nil) (== #t #t) (== #t #f))
(print (!= 1 2) (!= 1 1) (not= "a" "b") (not= [1] [1]))
(print (== 1 1 1) (== 1 1 2) (= 0.5 0.5 0.5))
(print (== 9007199254740993 9007199254740992.0) (== 9007199254740992 9007199254740992.0))
(print (== (- 0.0) 0.0))
(define nan (/ 0.0 0.0))
(print (== nan nan) (!= nan nan) (== [nan] [nan]))
(print (== [1 2.0] [1.0 2]))
(define (f x) x)
(define (g x) x)
(define h f)
(print (== f f) (== f g) (== f h))
