/* Quicksort: N pseudo-random integers from the LCG
   x' = (x*1103515245 + 12345) mod 2^31 (seed 42), sorted in place in an
   array; prints the sum of the 10 smallest and the length. N from the
   command line (default 1000000). */
#include <stdio.h>
#include <stdlib.h>

static void quicksort(long *a, long lo, long hi) {
    while (lo < hi) {
        long pivot = a[lo + (hi - lo) / 2];
        long i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot) i++;
            while (a[j] > pivot) j--;
            if (i <= j) {
                long t = a[i];
                a[i] = a[j];
                a[j] = t;
                i++;
                j--;
            }
        }
        /* Recurse into the smaller part, loop on the larger. */
        if (j - lo < hi - i) {
            quicksort(a, lo, j);
            lo = i;
        } else {
            quicksort(a, i, hi);
            hi = j;
        }
    }
}

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 1000000;
    long *a = malloc((n > 0 ? n : 1) * sizeof *a);
    long x = 42;
    for (long i = 0; i < n; i++) {
        x = (x * 1103515245 + 12345) % 2147483648L;
        a[i] = x;
    }
    quicksort(a, 0, n - 1);
    long sum = 0;
    for (long i = 0; i < n && i < 10; i++)
        sum += a[i];
    printf("%ld %ld\n", sum, n);
    free(a);
    return 0;
}
