"""N-queens: count the solutions for an N x N board (default 12).

The queens placed so far are an immutable list of rows, nearest column first
(each placement builds a new list)."""
import sys


def safe(row, placed):
    for dist, q in enumerate(placed, 1):
        if q == row or q == row + dist or q == row - dist:
            return False
    return True


def queens(n, k, placed):
    """k queens are still to be placed."""
    if k == 0:
        return 1
    return sum(queens(n, k - 1, [row] + placed) for row in range(n) if safe(row, placed))


n = int(sys.argv[1]) if len(sys.argv) > 1 else 12
print(queens(n, n, []))
