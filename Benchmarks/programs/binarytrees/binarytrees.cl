; Binary trees (the Benchmarks Game): allocate and check many perfect binary
; trees; N from the command line (default 16). A tree is [] (a leaf) or the
; two-element list [left right].
(define (make depth)
  (if (= depth 0)
      []
      (list (make (- depth 1)) (make (- depth 1)))))

(define (check tree)
  (if (empty? tree)
      1
      (+ 1 (check (head tree)) (check (head (tail tree))))))

(define min-depth 4)

(define (pow2 k)
  (if (= k 0) 1 (* 2 (pow2 (- k 1)))))

; Build and check `i` trees of the given depth; acc sums the checks.
(define (sum-checks i depth acc)
  (if (= i 0)
      acc
      (sum-checks (- i 1) depth (+ acc (check (make depth))))))

(define (run-depths depth max-depth)
  (when (<= depth max-depth)
    (let ((iterations (pow2 (+ (- max-depth depth) min-depth))))
      (print (concat (to-string iterations) "\t trees of depth " (to-string depth)
                     "\t check: " (to-string (sum-checks iterations depth 0))))
      (run-depths (+ depth 2) max-depth))))

(define args (io:args))
(define n (if (empty? args) 16 (to-int (string->number (head args)))))
(define max-depth (if (< n (+ min-depth 2)) (+ min-depth 2) n))
(define stretch-depth (+ max-depth 1))

(print (concat "stretch tree of depth " (to-string stretch-depth)
               "\t check: " (to-string (check (make stretch-depth)))))
(define long-lived (make max-depth))
(run-depths min-depth max-depth)
(print (concat "long lived tree of depth " (to-string max-depth)
               "\t check: " (to-string (check long-lived))))
