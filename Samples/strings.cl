; strings: concat / string-concat / to-string / string-length, including
; non-ASCII text (string-length counts Unicode scalar values).
(print (concat "foo" "bar"))
(print (string-concat "a" "b" "c" "d"))
(print (concat "x = " (to-string 42)))
(print (concat "[" (concat) "]"))
(print (to-string 3.0) (to-string -7) (to-string #t) (to-string nil))
(print (to-string "plain"))
(print (string-length "hello"))
(print (string-length ""))
(print (string-length "héllo"))
(print (string-length "日本語"))
(print (string-length "\u{1F600}"))
(print (string-length "a\tb\n"))
(print (concat "αβ" "γ") (string-length (concat "αβ" "γ")))
(print "tab:\there")
(print "quote: \"q\" backslash: \\")

(define (repeat s n)
  (if (= n 0)
      ""
      (concat s (repeat s (- n 1)))))
(print (repeat "ab" 3))
(print (string-length (repeat "é" 1000)))

(define (join-numbers n)
  (if (= n 1)
      "1"
      (string-concat (join-numbers (- n 1)) "," (to-string n))))
(print (join-numbers 10))
