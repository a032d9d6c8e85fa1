; hello: the smallest program -- one print of a top-level string.
(print "Hello, world!")
