; and or values
(print (and) (or) (and 1 #f 2) (or #f nil 3))
