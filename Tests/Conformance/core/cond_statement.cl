; cond statement
(cond ((= 1 2) (print "no")) ((= 1 1) (print "yes")))
