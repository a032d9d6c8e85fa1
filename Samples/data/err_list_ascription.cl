; A list ascribed (List Int) whose elements are only known at run time is
; checked once, where the ascription is.
(define (parse s) (string->number s))
(define xs [(parse "1") (parse "2.5")])
(print (: xs (List Int)))
