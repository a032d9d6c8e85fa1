; internal_defines: leading defines in a body are local and mutually
; recursive; a body that ends in a define has value nil.
(define (hyp-sq a b)
  (define a2 (* a a))
  (define b2 (* b b))
  (+ a2 b2))
(print (hyp-sq 3 4))

(define (parity n)
  (define (ev? k) (if (= k 0) #t (od? (- k 1))))
  (define (od? k) (if (= k 0) #f (ev? (- k 1))))
  (if (ev? n) "even" "odd"))
(print (parity 10) (parity 7))

(define (scaler factor)
  (define (scale x) (* x factor))
  scale)
(print ((scaler 3) 14))

(define (only-defines)
  (define unused 1))
(print (only-defines))

(define (shadow-global)
  (define total 99)
  total)
(define total 1)
(print (shadow-global) total)

(let ((base 100))
  (define (add-base x) (+ x base))
  (print (add-base 1)))

(define (lambda-body)
  ((lambda (x)
     (define y (+ x 1))
     (* y 2))
   5))
(print (lambda-body))
