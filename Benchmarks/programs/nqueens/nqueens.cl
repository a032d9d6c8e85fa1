; N-queens: count the solutions for an N x N board (default 12).
; The queens placed so far are an immutable list of rows, nearest column first.
(define (safe? row dist placed)
  (cond ((empty? placed) #t)
        ((let ((q (head placed)))
           (or (= q row) (= q (+ row dist)) (= q (- row dist))))
         #f)
        (else (safe? row (+ dist 1) (tail placed)))))

; Try every row 0..n-1 for the next column; acc counts solutions.
(define (try-rows row n k placed acc)
  (if (= row n)
      acc
      (try-rows (+ row 1) n k placed
                (if (safe? row 1 placed)
                    (+ acc (queens n (- k 1) (cons row placed)))
                    acc))))

; k queens are still to be placed.
(define (queens n k placed)
  (if (= k 0)
      1
      (try-rows 0 n k placed 0)))

(define args (io:args))
(define n (if (empty? args) 12 (to-int (string->number (head args)))))
(print (queens n n []))
