; Mandelbrot: count the points of an N x N grid over [-2, 0.5] x [-1.25, 1.25]
; that do not escape (|z|^2 > 4) within 50 iterations; N from the command line
; (default 1200).
(define max-iterations 50)

(define (escapes? cr ci zr zi i)
  (if (= i max-iterations)
      #f
      (let ((nr (+ (- (* zr zr) (* zi zi)) cr))
            (ni (+ (* 2.0 zr zi) ci)))
        (if (> (+ (* nr nr) (* ni ni)) 4.0)
            #t
            (escapes? cr ci nr ni (+ i 1))))))

(define (count-row x n fn ci acc)
  (if (= x n)
      acc
      (let ((cr (+ -2.0 (/ (* 2.5 (to-float x)) fn))))
        (count-row (+ x 1) n fn ci
                   (if (escapes? cr ci 0.0 0.0 0) acc (+ acc 1))))))

(define (count-rows y n fn acc)
  (if (= y n)
      acc
      (let ((ci (+ -1.25 (/ (* 2.5 (to-float y)) fn))))
        (count-rows (+ y 1) n fn (count-row 0 n fn ci acc)))))

(define args (io:args))
(define n (if (empty? args) 1200 (string->number (head args))))
(print (count-rows 0 n (to-float n) 0))
