; closures_counter: a variable changed with set! stays shared between the
; closures that capture it, and each call of the maker gets its own variable.
(define (make-counter)
  (define count 0)
  (define (bump) (set! count (+ count 1)) count)
  (define (peek) count)
  [bump peek])

(define c1 (make-counter))
(define bump1 (head c1))
(define peek1 (nth c1 1))
(bump1)
(bump1)
(print (peek1))
(print (bump1))
(print (peek1))

(define c2 (make-counter))
(print ((head c2)) (peek1) ((nth c2 1)))

; A let-bound variable captured by two closures.
(define (make-account start)
  (let ((balance start))
    (let ((deposit (lambda (x) (set! balance (+ balance x)) balance))
          (withdraw (lambda (x) (set! balance (- balance x)) balance)))
      [deposit withdraw])))

(define acct (make-account 100))
(print ((head acct) 50))
(print ((nth acct 1) 30))
(print ((head acct) 0))

; A top-level variable assigned from inside a function; set! itself is nil.
(define total 0)
(define (add! x) (set! total (+ total x)))
(add! 5)
(add! 7)
(print total)
(print (add! 1))
(print total)
