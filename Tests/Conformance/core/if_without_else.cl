; if without else
(print (if #f 1))
