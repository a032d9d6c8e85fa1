"""Functional quicksort: N pseudo-random integers from the LCG
x' = (x*1103515245 + 12345) mod 2^31 (seed 42), sorted by a filter-based
quicksort on lists; prints the sum of the 10 smallest and the length. N from
the command line (default 1000000)."""
import sys


def generate(n):
    xs, x = [], 42
    for _ in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
        xs.append(x)
    return xs


def qsort(xs):
    if not xs:
        return []
    p, rest = xs[0], xs[1:]
    return qsort([x for x in rest if x < p]) + [p] + qsort([x for x in rest if x >= p])


n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000000
result = qsort(generate(n))
print(sum(result[:10]), len(result))
