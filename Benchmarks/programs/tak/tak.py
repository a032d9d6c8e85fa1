"""Naive Takeuchi function; X Y Z from the command line (default 32 16 8)."""
import sys


def tak(x, y, z):
    if y < x:
        return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y))
    return z


def arg(i, default):
    return int(sys.argv[i]) if len(sys.argv) > i else default


print(tak(arg(1, 32), arg(2, 16), arg(3, 8)))
