; cerr_type: an operation that can never succeed is a compile-time type error.
(print "never printed")
(print (+ 1 "a"))
