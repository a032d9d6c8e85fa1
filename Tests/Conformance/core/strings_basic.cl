; strings basic
(print (string-length "héllo") (concat "a" "b" "c") (to-string 1.5))
