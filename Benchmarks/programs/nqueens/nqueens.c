/* N-queens: count the solutions for an N x N board (default 12).
   The queens placed so far are an immutable linked list of rows (nearest
   column first) whose cells live on the C stack. */
#include <stdio.h>
#include <stdlib.h>

struct list {
    int head;
    const struct list *tail;
};

static int safe(int row, int dist, const struct list *placed) {
    for (; placed; placed = placed->tail, dist++) {
        int q = placed->head;
        if (q == row || q == row + dist || q == row - dist)
            return 0;
    }
    return 1;
}

/* k queens are still to be placed. */
static long queens(int n, int k, const struct list *placed) {
    if (k == 0)
        return 1;
    long acc = 0;
    for (int row = 0; row < n; row++) {
        if (safe(row, 1, placed)) {
            struct list cell = {row, placed};
            acc += queens(n, k - 1, &cell);
        }
    }
    return acc;
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 12;
    printf("%ld\n", queens(n, n, NULL));
    return 0;
}
