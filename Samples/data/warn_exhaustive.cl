; a match that misses a constructor compiles (with a warning from
; `claudelang check`) and runs; only the value it misses fails
(data Color (Red) (Green) (Blue))
(define (name c)
  (match c
    (Red "red")
    (Green "green")))
(print (name Red) (name Green))
(print (name Blue))
