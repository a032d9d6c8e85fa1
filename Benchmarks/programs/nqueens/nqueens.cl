; N-queens: count the solutions for an N x N board (default 12).
; The queens placed so far are a list of rows, nearest column first.
(define (safe? row placed)
  (let check ((qs placed) (dist 1))
    (match qs
      ([] #t)
      ([q ...rest]
       (and (!= q row) (!= q (+ row dist)) (!= q (- row dist))
            (check rest (+ dist 1)))))))

; k queens are still to be placed.
(define (queens n k placed)
  (if (== k 0)
      1
      (fold (lambda (count row)
              (if (safe? row placed)
                  (+ count (queens n (- k 1) (append [row] placed)))
                  count))
            0
            (range n))))

(define args (io:args))
(define n (if (empty? args) 12 (string->number (head args))))
(print (queens n n []))
