; overflow add
(print (+ 9223372036854775807 1))
