; let sequential
(let ((a 1) (b (+ a 1))) (print a b))
