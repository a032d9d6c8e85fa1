; type error nil
(print (+ 1 (string->number "x")))
