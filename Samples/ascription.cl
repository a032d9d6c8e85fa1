; (: e T) checks e's type and tells inference what it is
(define n (: (string->number "42") Int))
(define (half x) (/ x 2))
(print (half n) (: 2.5 Float) (: [1 2] (List Int)) (: "s" String))
(define (first-or xs d) (: (if (empty? xs) d (head xs)) Int))
(print (first-or [7 8] 0) (first-or [] -1))
(data Option a (None) (Some a))
(print (: (Some 1) (Option Int)) (: (tuple 1 "a") (Tuple Int String)) (: inc (Function Int Int)))
(print (: (string->number "x") Int))
