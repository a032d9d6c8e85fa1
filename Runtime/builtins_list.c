/* builtins_list.c — the basic list builtins. Lists are built front to back
 * by consing (rt_cons_new roots its operands) or, when copying, by filling
 * fresh cells' tails while a handle keeps the head alive. */
#include "rt_internal.h"
#include <stdio.h>

_Noreturn static void empty_list(const char *name, const char *loc) {
    char msg[64];
    snprintf(msg, sizeof msg, "%s of empty list", name);
    rt_error("empty-list", msg, loc);
}

static rt_val nonempty_arg(rt_val v, const char *name, const char *loc) {
    if (RT_LIKELY(rt_is_cons(v))) return v;
    if (v == RT_EMPTY) empty_list(name, loc);
    rt_error_type(name, "a List", v, loc);
}

static int64_t list_length(rt_val v) {
    int64_t n = 0;
    for (; rt_is_cons(v); v = rt_tail(v)) n++;
    return n;
}

RT_BUILTIN(list) {
    rt_val list = RT_EMPTY;
    for (int64_t i = argc; i-- > 0;) list = rt_cons_new(argv[i], list);
    return list;
}

RT_BUILTIN(cons) { return rt_cons_new(argv[0], rt_list_arg(argv[1], "cons", loc)); }

#define ACCESSOR(id, name, field) \
    RT_BUILTIN(id) { return RT_CONS(nonempty_arg(argv[0], name, loc))->field; }
ACCESSOR(head, "head", head)
ACCESSOR(car, "car", head)
ACCESSOR(first, "first", head)
ACCESSOR(tail, "tail", tail)
ACCESSOR(cdr, "cdr", tail)
ACCESSOR(rest, "rest", tail)

RT_BUILTIN(empty_p) {
    rt_val v = argv[0];
    if (v == RT_NIL) return RT_TRUE;
    return rt_bool(rt_list_arg(v, "empty?", loc) == RT_EMPTY);
}

RT_BUILTIN(null_p) { return rt_bool(argv[0] == RT_NIL || argv[0] == RT_EMPTY); }

RT_BUILTIN(length) {
    if (rt_is_string(argv[0])) return rt_box_int(RT_STR(argv[0])->nchars);
    return rt_box_int(list_length(rt_list_arg(argv[0], "length", loc)));
}

RT_BUILTIN(nth) {
    rt_val v = rt_list_arg(argv[0], "nth", loc);
    int64_t i = rt_int_arg(argv[1], "nth", loc);
    if (i >= 0) {
        for (int64_t k = 0; k < i && rt_is_cons(v); k++) v = rt_tail(v);
        if (rt_is_cons(v)) return rt_head(v);
    }
    char msg[96];
    snprintf(msg, sizeof msg, "index %lld out of range for list of length %lld",
             (long long)i, (long long)list_length(argv[0]));
    rt_error("index-out-of-range", msg, loc);
}

RT_BUILTIN(last) {
    rt_val v = nonempty_arg(argv[0], "last", loc);
    while (rt_is_cons(rt_tail(v))) v = rt_tail(v);
    return rt_head(v);
}

RT_BUILTIN(reverse) {
    rt_val out = RT_EMPTY;
    for (rt_val v = rt_list_arg(argv[0], "reverse", loc); rt_is_cons(v); v = rt_tail(v))
        out = rt_cons_new(rt_head(v), out);
    return out;
}

/* Copies every list but the last, which is shared. */
RT_BUILTIN(append) {
    if (argc == 0) return RT_EMPTY;
    for (int64_t i = 0; i < argc; i++) rt_list_arg(argv[i], "append", loc);
    rt_val head = RT_EMPTY, *tailp = &head;
    RT_PUSH_ROOT(head);
    for (int64_t i = 0; i + 1 < argc; i++) {
        for (rt_val v = argv[i]; rt_is_cons(v); v = rt_tail(v)) {
            rt_val cell = rt_cons_new(rt_head(v), RT_EMPTY);
            *tailp = cell;
            tailp = &RT_CONS(cell)->tail;
        }
    }
    *tailp = argv[argc - 1];
    rt_pop_roots(1);
    return head;
}

/* ---- range, take, drop, zip, member?, sum, product, flatten, sort ------------------------ */

/* (range n), (range a b), (range a b step): [a, b) by step (negative counts down). */
RT_BUILTIN(range) {
    int64_t a = 0, b, step = 1;
    if (argc == 1) {
        b = rt_int_arg(argv[0], "range", loc);
    } else {
        a = rt_int_arg(argv[0], "range", loc);
        b = rt_int_arg(argv[1], "range", loc);
        if (argc == 3) step = rt_int_arg(argv[2], "range", loc);
    }
    if (step == 0) rt_error("type-error", "range step must not be zero", loc);
    /* the element count, computed without overflow */
    uint64_t count = 0;
    if (step > 0 && a < b) count = ((uint64_t)b - (uint64_t)a - 1) / (uint64_t)step + 1;
    else if (step < 0 && a > b) count = ((uint64_t)a - (uint64_t)b - 1) / (0 - (uint64_t)step) + 1;
    rt_lbuild out;
    rt_lb_init(&out);
    uint64_t x = (uint64_t)a;
    for (uint64_t k = 0; k < count; k++, x += (uint64_t)step) rt_lb_add(&out, rt_box_int((int64_t)x));
    return rt_lb_finish(&out);
}

/* A fresh copy of the first n elements (all of them when the list is shorter). */
RT_BUILTIN(take) {
    rt_val v = rt_list_arg(argv[0], "take", loc);
    int64_t n = rt_int_arg(argv[1], "take", loc);
    rt_lbuild out;
    rt_lb_init(&out);
    for (int64_t k = 0; k < n && rt_is_cons(v); k++, v = rt_tail(v)) rt_lb_add(&out, rt_head(v));
    return rt_lb_finish(&out);
}

/* The list without its first n elements: shares the tail. */
RT_BUILTIN(drop) {
    rt_val v = rt_list_arg(argv[0], "drop", loc);
    int64_t n = rt_int_arg(argv[1], "drop", loc);
    for (int64_t k = 0; k < n && rt_is_cons(v); k++) v = rt_tail(v);
    return v;
}

/* A list of tuples, as long as the shortest list. */
RT_BUILTIN(zip) {
    for (int64_t i = 0; i < argc; i++) rt_list_arg(argv[i], "zip", loc);
    rt_val *cur = rt_shadow_reserve(argc, loc);   /* cursors (reachable from argv anyway) */
    memcpy(cur, argv, (size_t)argc * sizeof *cur);
    rt_val *items = rt_shadow_reserve(argc, loc);
    rt_lbuild out;
    rt_lb_init(&out);
    for (;;) {
        for (int64_t i = 0; i < argc; i++) {
            if (!rt_is_cons(cur[i])) goto done;
            items[i] = rt_head(cur[i]);
            cur[i] = rt_tail(cur[i]);
        }
        rt_lb_add(&out, rt_tuple_new(argc, items));
    }
done:
    rt_shadow_sp = cur;
    return rt_lb_finish(&out);
}

RT_BUILTIN(member_p) {
    for (rt_val v = rt_list_arg(argv[1], "member?", loc); rt_is_cons(v); v = rt_tail(v))
        if (rt_equal(argv[0], rt_head(v))) return RT_TRUE;
    return RT_FALSE;
}

/* A left fold with + or * (overflow-checked, Int/Float promotion). */
static rt_val fold_arith(rt_arith_op op, rt_val acc, rt_val xs, const char *name, const char *loc) {
    RT_PUSH_ROOT(acc);
    for (rt_val v = rt_list_arg(xs, name, loc); rt_is_cons(v); v = rt_tail(v))
        acc = rt_arith(op, acc, rt_head(v), name, loc);
    rt_pop_roots(1);
    return acc;
}

RT_BUILTIN(sum) { return fold_arith(RT_OP_ADD, rt_make_fixnum(0), argv[0], "sum", loc); }
RT_BUILTIN(product) { return fold_arith(RT_OP_MUL, rt_make_fixnum(1), argv[0], "product", loc); }

/* Deep flatten without C recursion: the tails still to visit are kept on the
 * shadow stack (they are reachable from the argument anyway). */
RT_BUILTIN(flatten) {
    rt_val v = rt_list_arg(argv[0], "flatten", loc);
    rt_val *base = rt_shadow_sp;
    rt_lbuild out;
    rt_lb_init(&out);
    for (;;) {
        if (rt_is_cons(v)) {
            rt_val x = rt_head(v);
            v = rt_tail(v);
            if (rt_is_cons(x)) {
                if (rt_is_cons(v)) *rt_shadow_reserve(1, loc) = v;   /* resume there later */
                v = x;
            } else if (x != RT_EMPTY) {
                rt_lb_add(&out, x);
            }
        } else if (rt_shadow_sp > base) {
            v = *--rt_shadow_sp;
        } else {
            break;
        }
    }
    return rt_lb_finish(&out);
}

/* (sort xs) by `<` on numbers or strings; (sort xs less?) with a predicate.
 * Stable: a later element goes first only if it is strictly less. */
static int sort_less(rt_val pred, rt_val *pair, rt_val b, rt_val a, const char *loc) {
    if (!pred) return rt_compare(a, b, "sort", loc) == 1;   /* b < a; operands in list order for messages */
    pair[0] = b;
    pair[1] = a;
    return rt_truthy(rt_apply(pred, 2, pair, loc));
}

RT_BUILTIN(sort) {
    rt_val xs = rt_list_arg(argv[0], "sort", loc);
    rt_val pred = argc > 1 ? argv[1] : 0;
    int64_t n = list_length(xs);
    if (n < 2) return xs;
    /* a[0..n) and a scratch half in one GC record (rooted, freed when done) */
    rt_val buf = rt_record_new(&rt_type_tuple, 2 * n);
    RT_PUSH_ROOT(buf);
    rt_val *pair = rt_shadow_reserve(2, loc);         /* the predicate's arguments */
    rt_val *a = RT_REC(buf)->fields, *tmp = a + n;
    int64_t i = 0;
    for (rt_val v = xs; rt_is_cons(v); v = rt_tail(v)) a[i++] = rt_head(v);
    /* bottom-up merge sort: runs of width w in src merged into dst */
    for (int64_t w = 1; w < n; w *= 2) {
        for (int64_t lo = 0; lo < n; lo += 2 * w) {
            int64_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            int64_t l = lo, r = mid, k = lo;
            while (l < mid && r < hi) {
                if (sort_less(pred, pair, a[r], a[l], loc)) tmp[k++] = a[r++];
                else tmp[k++] = a[l++];
            }
            while (l < mid) tmp[k++] = a[l++];
            while (r < hi) tmp[k++] = a[r++];
        }
        rt_val *t = a; a = tmp; tmp = t;
    }
    rt_shadow_sp = pair;
    rt_val out = RT_EMPTY;
    RT_PUSH_ROOT(out);
    for (int64_t j = n; j-- > 0;) out = rt_cons_new(a[j], out);
    rt_pop_roots(2);
    return out;
}
