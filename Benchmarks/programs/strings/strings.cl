; Strings: the decimal numbers 1..N joined by "," into one string; prints its
; length. N from the command line (default 2000000).
(define args (io:args))
(define n (if (empty? args) 2000000 (string->number (head args))))
(print (string-length (string-join (map to-string (range 1 (+ n 1))) ",")))
