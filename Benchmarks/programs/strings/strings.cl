; Strings: the decimal numbers 1..N joined by "," into one string; prints its
; length. N from the command line (default 2000000). Without string-join or
; a string builder, the string is built by halves (O(N log N) copying).
(define (join lo hi)
  (if (= lo hi)
      (to-string lo)
      (let ((mid (quot (+ lo hi) 2)))
        (concat (join lo mid) "," (join (+ mid 1) hi)))))

(define args (io:args))
(define n (if (empty? args) 2000000 (to-int (string->number (head args)))))
(define s (if (< n 1) "" (join 1 n)))
(print (string-length s))
