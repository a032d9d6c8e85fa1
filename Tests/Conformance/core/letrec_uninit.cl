; letrec uninit
(let ((a (lambda () b)) (c (a)) (b 2)) (print c))
