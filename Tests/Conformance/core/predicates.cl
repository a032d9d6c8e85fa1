; predicates
(print (int? 1) (float? 1.0) (string? "a") (list? []) (list? nil) (nil? nil) (function? +) (bool? #f))
