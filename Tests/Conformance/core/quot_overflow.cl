; quot overflow
(print (quot -9223372036854775808 -1))
