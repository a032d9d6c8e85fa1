; mutual_recursion: top-level functions that call each other, defined in
; either order (tail calls), plus non-tail mutual recursion (Hofstadter F/M).
(define (my-even? n)
  (if (= n 0) #t (my-odd? (- n 1))))
(define (my-odd? n)
  (if (= n 0) #f (my-even? (- n 1))))

(print (my-even? 10) (my-odd? 10) (my-even? 7) (my-odd? 7) (my-even? 0))

(define (hof-f n)
  (if (= n 0) 1 (- n (hof-m (hof-f (- n 1))))))
(define (hof-m n)
  (if (= n 0) 0 (- n (hof-f (hof-m (- n 1))))))

(define (upto f n)
  (if (< n 0)
      []
      (append (upto f (- n 1)) [(f n)])))
(print (upto hof-f 12))
(print (upto hof-m 12))
