/* Binary trees (the Benchmarks Game), single-threaded with malloc/free;
   N from the command line (default 16). */
#include <stdio.h>
#include <stdlib.h>

typedef struct node {
    struct node *left, *right;
} node;

static node *make(int depth) {
    node *n = malloc(sizeof *n);
    if (depth > 0) {
        n->left = make(depth - 1);
        n->right = make(depth - 1);
    } else {
        n->left = n->right = NULL;
    }
    return n;
}

static long check(const node *n) {
    return n->left ? 1 + check(n->left) + check(n->right) : 1;
}

static void destroy(node *n) {
    if (n->left) {
        destroy(n->left);
        destroy(n->right);
    }
    free(n);
}

int main(int argc, char **argv) {
    const int min_depth = 4;
    int n = argc > 1 ? atoi(argv[1]) : 16;
    int max_depth = n < min_depth + 2 ? min_depth + 2 : n;
    int stretch_depth = max_depth + 1;

    node *stretch = make(stretch_depth);
    printf("stretch tree of depth %d\t check: %ld\n", stretch_depth, check(stretch));
    destroy(stretch);

    node *long_lived = make(max_depth);
    for (int depth = min_depth; depth <= max_depth; depth += 2) {
        long iterations = 1L << (max_depth - depth + min_depth);
        long sum = 0;
        for (long i = 0; i < iterations; i++) {
            node *t = make(depth);
            sum += check(t);
            destroy(t);
        }
        printf("%ld\t trees of depth %d\t check: %ld\n", iterations, depth, sum);
    }
    printf("long lived tree of depth %d\t check: %ld\n", max_depth, check(long_lived));
    destroy(long_lived);
    return 0;
}
