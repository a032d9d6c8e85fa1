; deep_recursion: 10,000-deep non-tail recursion that builds a list, then
; non-tail recursions over it for its length and sum.
(define (build n)
  (if (= n 0)
      []
      (cons n (build (- n 1)))))

(define xs (build 10000))

(define (len ys)
  (if (empty? ys) 0 (+ 1 (len (tail ys)))))
(define (sum-of ys)
  (if (empty? ys) 0 (+ (head ys) (sum-of (tail ys)))))

(print (length xs) (len xs))
(print (sum-of xs))
(print (head xs) (last xs))
