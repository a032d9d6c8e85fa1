; a library function given something that is not a list names itself
(print (map inc [1 2]))
(print (map inc 5))
