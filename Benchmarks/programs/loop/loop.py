"""Loop: acc' = (acc*31 + i) mod 1000000007 for i in [0, N); N from the command line (default 100000000)."""
import sys


def run(n):
    acc = 0
    for i in range(n):
        acc = (acc * 31 + i) % 1000000007
    return acc


n = int(sys.argv[1]) if len(sys.argv) > 1 else 100000000
print(run(n))
