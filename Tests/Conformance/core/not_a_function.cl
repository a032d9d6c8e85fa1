; not a function
(define x 5) (define fs [x]) ((head fs) 1)
