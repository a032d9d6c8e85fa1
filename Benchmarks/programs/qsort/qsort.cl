; Functional quicksort on lists: N pseudo-random Ints from the LCG
; x' = (x*1103515245 + 12345) mod 2^31 (seed 42), sorted by a filter-based
; quicksort; prints the sum of the 10 smallest and the length. N from the
; command line (default 1000000).
(define (lcg x) (mod (+ (* x 1103515245) 12345) 2147483648))

; The first i values after x, in generation order.
(define (generate i x acc)
  (if (= i 0)
      (reverse acc)
      (let ((next (lcg x)))
        (generate (- i 1) next (cons next acc)))))

; Tail-recursive filters (they build their result in reverse order).
(define (filter-less xs p acc)
  (cond ((empty? xs) acc)
        ((< (head xs) p) (filter-less (tail xs) p (cons (head xs) acc)))
        (else (filter-less (tail xs) p acc))))

(define (filter-not-less xs p acc)
  (cond ((empty? xs) acc)
        ((< (head xs) p) (filter-not-less (tail xs) p acc))
        (else (filter-not-less (tail xs) p (cons (head xs) acc)))))

(define (qsort xs)
  (if (empty? xs)
      []
      (let ((p (head xs))
            (rest (tail xs)))
        (append (qsort (filter-less rest p []))
                (cons p (qsort (filter-not-less rest p [])))))))

(define (sum-first xs k acc)
  (if (or (= k 0) (empty? xs))
      acc
      (sum-first (tail xs) (- k 1) (+ acc (head xs)))))

(define args (io:args))
(define n (if (empty? args) 1000000 (to-int (string->number (head args)))))
(define sorted (qsort (generate n 42 [])))
(print (sum-first sorted 10 0) (length sorted))
