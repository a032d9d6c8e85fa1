; first_class_builtins: builtins are values: bound to names, passed to
; user-defined higher-order functions, kept in lists.
(define plus +)
(print (plus 1 2))

(define (apply-twice f a b) (f (f a b) b))
(print (apply-twice + 1 10) (apply-twice * 2 3) (apply-twice - 100 1))

(define (my-fold f acc xs)
  (if (empty? xs)
      acc
      (my-fold f (f acc (head xs)) (tail xs))))
(print (my-fold + 0 [1 2 3 4]))
(print (my-fold * 1 [1 2 3 4 5]))
(print (my-fold max 0 [3 9 2]))
(print (my-fold concat "" ["a" "b" "c"]))

(define (my-map f xs)
  (if (empty? xs) [] (cons (f (head xs)) (my-map f (tail xs)))))
(print (my-map inc [1 2 3]))
(print (my-map to-string [1 2 3]))
(print (my-map string-length ["" "a" "héllo"]))
(print (my-map abs [-1 2 -3]))

(print ((lambda (f) (f 10 3)) -))
(define ops [+ - *])
(print ((nth ops 2) 3 4) ((head ops) 3 4) ((nth ops 1) 3 4))
(print (my-map (lambda (op) (op 6 2)) ops))
(define my-head head)
(print (my-head [7 8 9]))
