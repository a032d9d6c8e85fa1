; 8 queens: the number of solutions and the first one
(define (safe? q placed)
  (let loop ((qs placed) (d 1))
    (match qs
      ([] #t)
      ([p ...rest] (and (!= p q) (!= (abs (- p q)) d) (loop rest (+ d 1)))))))

(define (solve n row placed)
  (if (== row n)
      [(reverse placed)]
      (fold append []
            (map (lambda (q) (solve n (+ row 1) (cons q placed)))
                 (filter (lambda (q) (safe? q placed)) (range n))))))

(define solutions (solve 8 0 []))
(print (length solutions))
(print (head solutions))
(print (length (solve 6 0 [])))
