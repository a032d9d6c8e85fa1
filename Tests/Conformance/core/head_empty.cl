; head empty
(print (head []))
