;; Strings: the decimal numbers 1..N joined by "," into one string (through a
;; string output port); prints its length. N from the command line (default 2000000).
(import (chezscheme))

(define (join n)
  (call-with-string-output-port
    (lambda (port)
      (do ([i 1 (+ i 1)])
          ((> i n))
        (when (> i 1) (put-char port #\,))
        (put-string port (number->string i))))))

(define n
  (let ([args (command-line-arguments)])
    (if (null? args) 2000000 (string->number (car args)))))

(display (string-length (join n)))
(newline)
