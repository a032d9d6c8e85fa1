; Lists of Ints and of Floats hold raw heads; every other list holds values.
; Whatever a list is made of, printing, ==, the library and match agree.
(define ints [3 1 2])
(define floats [2.5 0.5 1.5])
(define big [4611686018427387904 -4611686018427387905 1])
(print ints floats big)
(print (sort ints) (sort floats) (sort big))
(print (reverse floats) (sum floats) (product floats) (sum big))
(print (map (lambda (x) (* x 2.0)) floats) (map (lambda (x) (+ x 1)) big))
(print (filter (lambda (x) (> x 1.0)) floats) (fold + 0.0 floats))
(print (nth floats 2) (head big) (last floats) (member? 1.5 floats) (member? 1 floats))

; the same values, built different ways, are equal
(define (build-any n acc) (if (== n 0) acc (build-any (- n 1) (cons (if (> n 100) "x" n) acc))))
(print (== (build-any 3 []) [1 2 3]) (== [1 2 3] (list 1 2 3)) (== [1 2] [1.0 2.0]))
(print (== (cons 1 ["a"]) [1 "a"]) (== [[1 2] [3]] [[1 2] [3]]) (let ((n (/ 0.0 0.0))) (== [n] [n])))

; Ints and Floats mixed stay values; a String in front of Ints too
(define mixed (cons 1.5 ints))
(print mixed (cons "s" ints) (append ints floats) (append floats ints))
(print (length mixed) (sort (list 2 1.5 3)) (zip ints floats))

; match takes raw lists apart like any other
(define (total xs)
  (match xs
    ([] 0.0)
    ([x ...rest] (+ x (total rest)))))
(print (total floats) (total [1.0]) (total []))
(define (firsts xss) (map head xss))
(print (firsts [[1 2] [3 4]]) (firsts [[1.5] [2.5]]) (firsts [["a"] [4]]))

; an Int list as an Any value and back
(define (describe v) (if (list? v) (length v) v))
(print (describe ints) (describe floats) (describe 7))
(print (: ints (List Int)) (: floats (List Float)))
(print (string-join (map to-string floats) ", ") (range 5 0 -2) (take floats 2) (drop big 2))
