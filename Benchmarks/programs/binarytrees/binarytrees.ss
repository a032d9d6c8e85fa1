;; Binary trees (the Benchmarks Game); N from the command line (default 16).
;; A node is a pair (left . right); a leaf node is (#f . #f).
(import (chezscheme))

(define (make depth)
  (if (= depth 0)
      (cons #f #f)
      (cons (make (- depth 1)) (make (- depth 1)))))

(define (check tree)
  (if (car tree)
      (+ 1 (check (car tree)) (check (cdr tree)))
      1))

(define min-depth 4)

(define (main n)
  (let* ([max-depth (max (+ min-depth 2) n)]
         [stretch-depth (+ max-depth 1)])
    (printf "stretch tree of depth ~a\t check: ~a\n" stretch-depth (check (make stretch-depth)))
    (let ([long-lived (make max-depth)])
      (do ([depth min-depth (+ depth 2)])
          ((> depth max-depth))
        (let ([iterations (expt 2 (+ (- max-depth depth) min-depth))])
          (let loop ([i 0] [sum 0])
            (if (< i iterations)
                (loop (+ i 1) (+ sum (check (make depth))))
                (printf "~a\t trees of depth ~a\t check: ~a\n" iterations depth sum)))))
      (printf "long lived tree of depth ~a\t check: ~a\n" max-depth (check long-lived)))))

(main (let ([args (command-line-arguments)])
        (if (null? args) 16 (string->number (car args)))))
