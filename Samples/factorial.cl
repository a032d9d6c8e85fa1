; factorial: tail-recursive accumulator, up to the largest factorial that fits in an Int.
(define (fact-iter n acc)
  (if (= n 0)
      acc
      (fact-iter (- n 1) (* n acc))))

(define (fact n) (fact-iter n 1))

(print (fact 0))
(print (fact 1))
(print (fact 5))
(print (fact 10))
(print (fact 20))
