;; N-queens: count the solutions for an N x N board (default 12).
;; The queens placed so far are an immutable list of rows, nearest column first.
(import (chezscheme))

(define (safe? row dist placed)
  (cond [(null? placed) #t]
        [(let ([q (car placed)])
           (or (= q row) (= q (+ row dist)) (= q (- row dist))))
         #f]
        [else (safe? row (+ dist 1) (cdr placed))]))

;; k queens are still to be placed.
(define (queens n k placed)
  (if (= k 0)
      1
      (let loop ([row 0] [acc 0])
        (if (= row n)
            acc
            (loop (+ row 1)
                  (if (safe? row 1 placed)
                      (+ acc (queens n (- k 1) (cons row placed)))
                      acc))))))

(define n
  (let ([args (command-line-arguments)])
    (if (null? args) 12 (string->number (car args)))))

(display (queens n n '()))
(newline)
