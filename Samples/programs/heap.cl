; a leftist heap: heap sort of a list
(data Heap (Empty) (HNode Int Int Heap Heap))

(define (rank h) (match h (Empty 0) ((HNode r _ _ _) r)))

(define (make x a b)
  (if (>= (rank a) (rank b)) (HNode (+ (rank b) 1) x a b) (HNode (+ (rank a) 1) x b a)))

(define (merge h1 h2)
  (match (tuple h1 h2)
    ((tuple Empty h) h)
    ((tuple h Empty) h)
    ((tuple (HNode _ x a1 b1) (HNode _ y a2 b2))
     (if (<= x y) (make x a1 (merge b1 h2)) (make y a2 (merge h1 b2))))))

(define (insert x h) (merge (HNode 1 x Empty Empty) h))
(define (find-min h) (match h ((HNode _ x _ _) x)))
(define (delete-min h) (match h ((HNode _ _ a b) (merge a b))))

(define (heap-sort xs)
  (let loop ((h (foldr insert Empty xs)) (out []))
    (match h
      (Empty (reverse out))
      (_ (loop (delete-min h) (cons (find-min h) out))))))

(print (heap-sort [5 3 9 1 4 1 8 2 7]))
(print (find-min (insert 10 (insert -3 Empty))))
(print (rank (foldr insert Empty (range 10))))
