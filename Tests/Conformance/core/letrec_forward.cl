; letrec forward
(let ((a (lambda () b)) (b 2)) (print (a)))
