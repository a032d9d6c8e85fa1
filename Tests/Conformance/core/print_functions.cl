; print functions
(print + (lambda (x) x) print)
