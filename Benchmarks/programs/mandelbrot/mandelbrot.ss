;; Mandelbrot: count the points of an N x N grid over [-2, 0.5] x [-1.25, 1.25]
;; that do not escape (|z|^2 > 4) within 50 iterations; N from the command
;; line (default 1200).
(import (chezscheme))

(define max-iterations 50)

(define (escapes? cr ci)
  (let loop ([zr 0.0] [zi 0.0] [i 0])
    (if (fx= i max-iterations)
        #f
        (let ([nr (fl+ (fl- (fl* zr zr) (fl* zi zi)) cr)]
              [ni (fl+ (fl* (fl* 2.0 zr) zi) ci)])
          (if (fl> (fl+ (fl* nr nr) (fl* ni ni)) 4.0)
              #t
              (loop nr ni (fx+ i 1)))))))

(define (count-points n)
  (let ([fn (fixnum->flonum n)])
    (let yloop ([y 0] [count 0])
      (if (fx= y n)
          count
          (let ([ci (fl+ -1.25 (fl/ (fl* 2.5 (fixnum->flonum y)) fn))])
            (let xloop ([x 0] [count count])
              (if (fx= x n)
                  (yloop (fx+ y 1) count)
                  (let ([cr (fl+ -2.0 (fl/ (fl* 2.5 (fixnum->flonum x)) fn))])
                    (xloop (fx+ x 1) (if (escapes? cr ci) count (fx+ count 1)))))))))))

(define n
  (let ([args (command-line-arguments)])
    (if (null? args) 1200 (string->number (car args)))))

(display (count-points n))
(newline)
