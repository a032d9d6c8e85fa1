(print (reduce + [1 2]))
(print (reduce + []))
