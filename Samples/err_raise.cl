; error:raise with no handler: the error is reported like a runtime error
(print "before")
(error:raise "my-error" "something bad")
(print "never")
