; begin empty
(print (begin))
