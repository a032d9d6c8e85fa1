; make_adder: closures capturing an argument, returned and called later.
(define (make-adder n)
  (lambda (x) (+ x n)))

(define add5 (make-adder 5))
(define add10 (make-adder 10))
(print (add5 1) (add10 1))
(print ((make-adder 100) 1))

(define (compose2 f g)
  (lambda (x) (f (g x))))
(print ((compose2 add5 add10) 0))

(define (curry-add a)
  (lambda (b) (lambda (c) (+ a b c))))
(print (((curry-add 1) 20) 300))

; Closures kept in a list; each remembers its own n.
(define adders [(make-adder 1) (make-adder 2) (make-adder 3)])
(define (apply-each fs x)
  (if (empty? fs)
      []
      (cons ((head fs) x) (apply-each (tail fs) x))))
(print (apply-each adders 10))
