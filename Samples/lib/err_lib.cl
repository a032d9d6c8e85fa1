; an error inside a library function is located at the library call
(print (fold + 0 [1 2 3]))
(print (fold + 0
             [1 "two" 3]))
