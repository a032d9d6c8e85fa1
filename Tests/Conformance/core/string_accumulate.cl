; string accumulate
(define s "") (define (addc c) (set! s (concat s c))) (addc "a") (addc "b") (print s (string-length s))
