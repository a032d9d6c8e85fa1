; truthiness: only #f and nil are false; 0, "", [] and 0.0 are true.
(define (truth x) (if x "true" "false"))
(print (truth 0) (truth "") (truth []) (truth 0.0) (truth "false"))
(print (truth nil) (truth #f) (truth false) (truth true) (truth #t))
(print (if 0 1 2) (if [] "empty list is true" "no"))
(print (cond (nil "nil") (0 "zero") (else "else")))
(print (when "" "when on empty string"))
(print (unless [] "never"))
