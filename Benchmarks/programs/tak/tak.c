/* Naive Takeuchi function; X Y Z from the command line (default 32 16 8). */
#include <stdio.h>
#include <stdlib.h>

static long tak(long x, long y, long z) {
    if (y < x)
        return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y));
    return z;
}

int main(int argc, char **argv) {
    long x = argc > 1 ? atol(argv[1]) : 32;
    long y = argc > 2 ? atol(argv[2]) : 16;
    long z = argc > 3 ? atol(argv[3]) : 8;
    printf("%ld\n", tak(x, y, z));
    return 0;
}
