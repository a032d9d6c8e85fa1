"""Mandelbrot: count the points of an N x N grid over [-2, 0.5] x [-1.25, 1.25]
that do not escape (|z|^2 > 4) within 50 iterations; N from the command line
(default 1200)."""
import sys

MAX_ITERATIONS = 50


def escapes(cr, ci):
    zr = zi = 0.0
    for _ in range(MAX_ITERATIONS):
        zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
        if zr * zr + zi * zi > 4.0:
            return True
    return False


def count_points(n):
    count = 0
    for y in range(n):
        ci = -1.25 + 2.5 * y / n
        for x in range(n):
            cr = -2.0 + 2.5 * x / n
            if not escapes(cr, ci):
                count += 1
    return count


n = int(sys.argv[1]) if len(sys.argv) > 1 else 1200
print(count_points(n))
