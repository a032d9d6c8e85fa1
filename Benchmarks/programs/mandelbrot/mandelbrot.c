/* Mandelbrot: count the points of an N x N grid over [-2, 0.5] x [-1.25, 1.25]
   that do not escape (|z|^2 > 4) within 50 iterations; N from the command
   line (default 1200). */
#include <stdio.h>
#include <stdlib.h>

#define MAX_ITERATIONS 50

static int escapes(double cr, double ci) {
    double zr = 0.0, zi = 0.0;
    for (int i = 0; i < MAX_ITERATIONS; i++) {
        double nr = zr * zr - zi * zi + cr;
        double ni = 2.0 * zr * zi + ci;
        zr = nr;
        zi = ni;
        if (zr * zr + zi * zi > 4.0)
            return 1;
    }
    return 0;
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 1200;
    long count = 0;
    for (int y = 0; y < n; y++) {
        double ci = -1.25 + 2.5 * y / n;
        for (int x = 0; x < n; x++) {
            double cr = -2.0 + 2.5 * x / n;
            if (!escapes(cr, ci))
                count++;
        }
    }
    printf("%ld\n", count);
    return 0;
}
