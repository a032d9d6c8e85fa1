; values whose type is known only at run time (read from a string, taken
; from a mixed list) enter the Int version of a function when they are Ints
(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))
(define (count-down i acc) (if (== i 0) acc (count-down (- i 1) (+ acc i))))
(define inputs (map string->number ["20" "2.5" "7" "-1"]))
(print (map fib inputs))
(print (count-down (string->number "1000") 0))
(define mixed [3 "x" 4.0 nil])
(print (fib (head mixed)) (fib (nth mixed 2)))
(define (twice x) (* x 2))
(print (twice (string->number "4611686018427387903")) (twice (string->number "1.5")))
(print (twice (head (tail mixed))))
