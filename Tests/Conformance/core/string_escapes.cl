; string escapes
(print "tab\there" ["tab\there"] "é" ["é" "\u{1}"])
