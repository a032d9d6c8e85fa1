; constants
(print pi e)
