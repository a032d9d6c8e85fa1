; Functional quicksort on lists: N pseudo-random Ints from the LCG
; x' = (x*1103515245 + 12345) mod 2^31 (seed 42), sorted by a filter-based
; quicksort; prints the sum of the 10 smallest and the length. N from the
; command line (default 1000000).
(define (lcg x) (mod (+ (* x 1103515245) 12345) 2147483648))

(define (generate n seed)
  (let loop ((i n) (x seed) (acc []))
    (if (== i 0)
        (reverse acc)
        (let ((next (lcg x)))
          (loop (- i 1) next (cons next acc))))))

(define (qsort xs)
  (match xs
    ([] [])
    ([pivot ...rest]
     (append (qsort (filter (lambda (x) (< x pivot)) rest))
             [pivot]
             (qsort (filter (lambda (x) (>= x pivot)) rest))))))

(define args (io:args))
(define n (if (empty? args) 1000000 (string->number (head args))))
(define sorted (qsort (generate n 42)))
(print (sum (take sorted 10)) (length sorted))
