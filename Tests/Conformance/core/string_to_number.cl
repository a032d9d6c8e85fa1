; string to number
(print (string->number "42") (string->number "0x1F") (string->number "1_000") (string->number "2.5") (string->number "abc"))
