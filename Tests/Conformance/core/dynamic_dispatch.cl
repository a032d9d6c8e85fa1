; dynamic dispatch
(define (g x) (if (int? x) (+ x 1) (concat x "!"))) (print (g 1) (g "a"))
