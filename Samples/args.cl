; (io:args): the program's command-line arguments as strings, the same for
; `claudelang run FILE -- a b` and `./prog a b` (Samples/args.args holds them).
(define args (io:args))
(print args (length args))
(define (sum xs) (if (empty? xs) 0 (+ (to-int (string->number (head xs))) (sum (tail xs)))))
(print (sum (tail args)))
(print (head args) (string-length (head args)))
