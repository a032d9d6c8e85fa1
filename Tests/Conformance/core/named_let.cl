; named let
(define (count n) (let loop ((i 0)) i)) (print 1)
