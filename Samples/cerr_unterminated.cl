; cerr_unterminated: a string literal with no closing quote (raw newlines are
; allowed inside strings, so it runs to the end of the file).
(print "ok")
"hello
(print 1)
