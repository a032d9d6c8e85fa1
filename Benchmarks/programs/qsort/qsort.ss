;; Functional quicksort on lists: N pseudo-random integers from the LCG
;; x' = (x*1103515245 + 12345) mod 2^31 (seed 42), sorted by a filter-based
;; quicksort; prints the sum of the 10 smallest and the length. N from the
;; command line (default 1000000).
(import (chezscheme))

(define (lcg x) (modulo (+ (* x 1103515245) 12345) 2147483648))

(define (generate n)
  (let loop ([i n] [x 42] [acc '()])
    (if (= i 0)
        (reverse acc)
        (let ([next (lcg x)])
          (loop (- i 1) next (cons next acc))))))

(define (qsort xs)
  (if (null? xs)
      '()
      (let ([p (car xs)] [rest (cdr xs)])
        (append (qsort (filter (lambda (x) (< x p)) rest))
                (cons p (qsort (filter (lambda (x) (>= x p)) rest)))))))

(define (sum-first xs k)
  (if (or (= k 0) (null? xs))
      0
      (+ (car xs) (sum-first (cdr xs) (- k 1)))))

(define n
  (let ([args (command-line-arguments)])
    (if (null? args) 1000000 (string->number (car args)))))

(let ([sorted (qsort (generate n))])
  (printf "~a ~a\n" (sum-first sorted 10) (length sorted)))
