; a parametric type, nested patterns, nullary constructors inside values
(data Option a (None) (Some a))

(define (safe-div a b)
  (if (== b 0) None (Some (/ a b))))

(define (show o)
  (match o
    (None "nothing")
    ((Some (Some x)) (concat "nested " (to-string x)))
    ((Some 0) "zero")
    ((Some x) (concat "some " (to-string x)))))

(print (show (safe-div 10 2)))
(print (show (safe-div 1 0)))
(print (show (safe-div 0 5)))
(print (show (Some (Some 7))))
(print (Some None) (Some (Some None)) [None (Some 1)])
(print (map (lambda (o) (match o ((Some x) x) (None -1))) [(Some 3) None (Some 4)]))
(define (get-or o d) (match o ((Some v) v) (_ d)))
(print (get-or (Some "x") "default") (get-or None "default"))
