; Naive Takeuchi function; X Y Z from the command line (default 32 16 8).
(define (tak x y z)
  (if (< y x)
      (tak (tak (- x 1) y z)
           (tak (- y 1) z x)
           (tak (- z 1) x y))
      z))

(define (arg-int args i default)
  (if (> (length args) i)
      (string->number (nth args i))
      default))

(define args (io:args))
(print (tak (arg-int args 0 32) (arg-int args 1 16) (arg-int args 2 8)))
