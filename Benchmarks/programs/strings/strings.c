/* Strings: the decimal numbers 1..N joined by "," into one string (a growing
   buffer); prints its length. N from the command line (default 2000000). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 2000000;
    size_t cap = 16, len = 0;
    char *buf = malloc(cap);
    buf[0] = '\0';
    for (long i = 1; i <= n; i++) {
        char digits[24];
        int k = snprintf(digits, sizeof digits, "%ld", i);
        if (len + (size_t)k + 2 > cap) {
            while (len + (size_t)k + 2 > cap)
                cap *= 2;
            buf = realloc(buf, cap);
        }
        if (i > 1)
            buf[len++] = ',';
        memcpy(buf + len, digits, (size_t)k);
        len += (size_t)k;
        buf[len] = '\0';
    }
    printf("%zu\n", strlen(buf));
    free(buf);
    return 0;
}
