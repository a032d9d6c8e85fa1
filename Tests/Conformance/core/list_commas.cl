; list commas
(print [1, 2, 3] (list) (cons 1 []) (cons 1 (cons 2 [])))
