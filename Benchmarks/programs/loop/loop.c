/* Loop: acc' = (acc*31 + i) mod 1000000007 for i in [0, N); N from the command line (default 100000000). */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 100000000;
    long acc = 0;
    for (long i = 0; i < n; i++)
        acc = (acc * 31 + i) % 1000000007;
    printf("%ld\n", acc);
    return 0;
}
