; Binary trees (the Benchmarks Game): allocate and check many perfect binary
; trees; N from the command line (default 16).
(data Tree (Empty) (Node Tree Tree))

(define (make depth)
  (if (== depth 0)
      (Node Empty Empty)
      (Node (make (- depth 1)) (make (- depth 1)))))

(define (check tree)
  (match tree
    (Empty 0)
    ((Node l r) (+ 1 (check l) (check r)))))

(define min-depth 4)

(define (sum-checks iterations depth)
  (let loop ((i iterations) (acc 0))
    (if (== i 0) acc (loop (- i 1) (+ acc (check (make depth)))))))

(define (run-depths depth max-depth)
  (when (<= depth max-depth)
    (let ((iterations (pow2 (+ (- max-depth depth) min-depth))))
      (print (concat (to-string iterations) "\t trees of depth " (to-string depth)
                     "\t check: " (to-string (sum-checks iterations depth))))
      (run-depths (+ depth 2) max-depth))))

(define (pow2 k) (if (== k 0) 1 (* 2 (pow2 (- k 1)))))

(define args (io:args))
(define n (if (empty? args) 16 (string->number (head args))))
(define max-depth (max (+ min-depth 2) n))
(define stretch-depth (+ max-depth 1))

(print (concat "stretch tree of depth " (to-string stretch-depth)
               "\t check: " (to-string (check (make stretch-depth)))))
(define long-lived (make max-depth))
(run-depths min-depth max-depth)
(print (concat "long lived tree of depth " (to-string max-depth)
               "\t check: " (to-string (check long-lived))))
