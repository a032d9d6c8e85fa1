; set param captured
(define (f x) (let ((g (lambda () (set! x (+ x 1)) x))) (g) (g))) (print (f 10))
