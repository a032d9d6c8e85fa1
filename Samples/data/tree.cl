; a binary search tree with a parametric data type
(data Tree a (Leaf) (Node (Tree a) a (Tree a)))

(define (insert t x)
  (match t
    (Leaf (Node Leaf x Leaf))
    ((Node l v r)
     (cond ((< x v) (Node (insert l x) v r))
           ((> x v) (Node l v (insert r x)))
           (else t)))))

(define (to-list t)
  (match t
    (Leaf [])
    ((Node l v r) (append (to-list l) [v] (to-list r)))))

(define (depth t)
  (match t
    (Leaf 0)
    ((Node l _ r) (+ 1 (max (depth l) (depth r))))))

(define (member t x)
  (match t
    (Leaf #f)
    ((Node l v r) (cond ((== x v) #t) ((< x v) (member l x)) (else (member r x))))))

(define t (fold insert Leaf [5 3 8 1 4 7 9 2 6]))
(print (to-list t))
(print (depth t))
(print (member t 4) (member t 10))
(print (insert (insert Leaf 2) 1))
(define words (fold insert Leaf ["pear" "apple" "fig"]))
(print (to-list words))
