"""Strings: the decimal numbers 1..N joined by "," into one string; prints its
length. N from the command line (default 2000000)."""
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000000
s = ",".join(str(i) for i in range(1, n + 1))
print(len(s))
