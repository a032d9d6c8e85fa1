; word frequencies with string-split, fold, sort-by and string-join
(define text "the quick brown fox jumps over the lazy dog
the fox barks  and the dog sleeps")

(define (bump counts w)
  (match counts
    ([] [(tuple w 1)])
    ([(tuple k n) ...rest]
     (if (== k w) (cons (tuple k (+ n 1)) rest) (cons (tuple k n) (bump rest w))))))

(define words (filter (lambda (w) (> (string-length w) 0))
                      (string-split (string-downcase text))))
(define counts (fold bump [] words))
(define ranked (sort-by (lambda (p) (neg (snd p))) counts))
(print (length words) "words," (length counts) "distinct")
(print (string-join (map (lambda (p) (concat (fst p) "=" (to-string (snd p)))) (take ranked 4)) ", "))
(print (sort (map fst (filter (lambda (p) (== (snd p) 1)) counts))))
