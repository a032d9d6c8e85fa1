;; Naive Takeuchi function; X Y Z from the command line (default 32 16 8).
(import (chezscheme))

(define (tak x y z)
  (if (< y x)
      (tak (tak (- x 1) y z)
           (tak (- y 1) z x)
           (tak (- z 1) x y))
      z))

(define (arg-int args i default)
  (if (> (length args) i)
      (string->number (list-ref args i))
      default))

(define args (command-line-arguments))
(display (tak (arg-int args 0 32) (arg-int args 1 16) (arg-int args 2 8)))
(newline)
