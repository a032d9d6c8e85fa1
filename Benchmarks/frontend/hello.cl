; Hello world: the smallest program, for compile-time benchmarks.
(print "Hello, world!")
