; nested lists
(print [[1 2] [3 [4 "x"]]] "top")
