; quicksort and mergesort on lists
(define (quicksort xs)
  (match xs
    ([] [])
    ([pivot ...rest]
     (append (quicksort (filter (lambda (x) (< x pivot)) rest))
             [pivot]
             (quicksort (filter (lambda (x) (>= x pivot)) rest))))))

(define (merge xs ys)
  (match (tuple xs ys)
    ((tuple [] _) ys)
    ((tuple _ []) xs)
    ((tuple [x ...xr] [y ...yr])
     (if (<= x y) (cons x (merge xr ys)) (cons y (merge xs yr))))))

(define (mergesort xs)
  (let ((n (length xs)))
    (if (< n 2)
        xs
        (merge (mergesort (take xs (quot n 2))) (mergesort (drop xs (quot n 2)))))))

(define (pseudo-random n seed)
  (if (== n 0) [] (cons (mod seed 100) (pseudo-random (- n 1) (mod (+ (* seed 1103515245) 12345) 2147483648)))))

(define data (pseudo-random 20 42))
(print data)
(print (quicksort data))
(print (mergesort data))
(print (== (quicksort data) (mergesort data) (sort data)))
(print (mergesort ["banana" "apple" "cherry"]) (quicksort [3.5 -1 2]))
