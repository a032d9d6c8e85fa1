; a JSON-like value type and a pretty printer
(data Json
  (JNull)
  (JBool Bool)
  (JNum Float)
  (JStr String)
  (JArr (List Json))
  (JObj (List (Tuple String Json))))

(define (indent n) (string-join (map (lambda (_) "  ") (range n)) ""))

(define (quote-str s) (concat "\"" s "\""))

(define (render v depth)
  (match v
    (JNull "null")
    ((JBool b) (if b "true" "false"))
    ((JNum n) (if (== n (floor n)) (to-string (to-int n)) (to-string n)))
    ((JStr s) (quote-str s))
    ((JArr []) "[]")
    ((JArr items)
     (concat "[\n"
             (string-join (map (lambda (x) (concat (indent (+ depth 1)) (render x (+ depth 1)))) items) ",\n")
             "\n" (indent depth) "]"))
    ((JObj []) "{}")
    ((JObj fields)
     (concat "{\n"
             (string-join (map (lambda (f)
                                 (match f
                                   ((tuple k x) (concat (indent (+ depth 1)) (quote-str k) ": " (render x (+ depth 1))))))
                               fields)
                          ",\n")
             "\n" (indent depth) "}"))))

(define doc
  (JObj [(tuple "name" (JStr "claudelang"))
         (tuple "version" (JNum 1.0))
         (tuple "ratio" (JNum 0.75))
         (tuple "tags" (JArr [(JStr "compiler") (JStr "lisp")]))
         (tuple "empty" (JArr []))
         (tuple "meta" (JObj [(tuple "stable" (JBool #f)) (tuple "parent" JNull)]))]))
(print (render doc 0))
(print (render (JArr [(JNum 1.0) (JObj [])]) 0))
