/* builtins_list.c — the basic list builtins.
 *
 * THE LIST INVARIANT (claude_rt.h): a list of Ints is made of i64 cells, a
 * list of Floats of f64 cells, and the tail of an i64 (f64) cell is [] or
 * another i64 (f64) cell. A cell's kind thus depends on every later element,
 * so lists are only ever built back to front: by consing (rt_cons_new picks
 * the kind, rt_cons_from_cell copies a cell's head), or by collecting the
 * elements (or the source cells) first, on the shadow stack or in an
 * rt_lbuild buffer, and then consing them back to front. Heads are read
 * through rt_head (which boxes a raw head, so it may allocate) or without
 * boxing (rt_head_num, rt_equal_head, rt_cons_from_cell). */
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

#define ACCESSOR(id, name, get) \
    RT_BUILTIN(id) { return get(nonempty_arg(argv[0], name, loc)); }
ACCESSOR(head, "head", rt_head)
ACCESSOR(car, "car", rt_head)
ACCESSOR(first, "first", rt_head)
ACCESSOR(tail, "tail", rt_tail)
ACCESSOR(cdr, "cdr", rt_tail)
ACCESSOR(rest, "rest", rt_tail)

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
        out = rt_cons_from_cell(v, out);
    return out;
}

/* Copies every list but the last, which is shared: the cells of the copied
 * lists are collected on the shadow stack (reachable from argv anyway), then
 * their heads consed back to front onto the last list. */
RT_BUILTIN(append) {
    if (argc == 0) return RT_EMPTY;
    for (int64_t i = 0; i < argc; i++) rt_list_arg(argv[i], "append", loc);
    int64_t n = 0;
    for (int64_t i = 0; i + 1 < argc; i++) n += list_length(argv[i]);
    rt_val *cells = rt_shadow_reserve(n, loc);
    int64_t k = 0;
    for (int64_t i = 0; i + 1 < argc; i++)
        for (rt_val v = argv[i]; rt_is_cons(v); v = rt_tail(v)) cells[k++] = v;
    rt_val out = rt_list_of_heads(cells, n, argv[argc - 1]);
    rt_shadow_sp = cells;
    return out;
}

/* ---- range, take, drop, zip, member?, sum, product, flatten, sort ------------------------ */

/* (range n), (range a b), (range a b step): [a, b) by step (negative counts
 * down). Built back to front from the last element: i64 cells. */
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
    rt_val out = RT_EMPTY;
    if (count == 0) return out;
    uint64_t x = (uint64_t)a + (count - 1) * (uint64_t)step;    /* the last element (wrapping arithmetic) */
    for (uint64_t k = 0; k < count; k++, x -= (uint64_t)step) out = rt_cons_new_i64((int64_t)x, out);
    return out;
}

/* A fresh copy of the first n elements (all of them when the list is shorter). */
RT_BUILTIN(take) {
    rt_val xs = rt_list_arg(argv[0], "take", loc);
    int64_t n = rt_int_arg(argv[1], "take", loc);
    int64_t k = 0;
    for (rt_val v = xs; k < n && rt_is_cons(v); v = rt_tail(v)) k++;
    rt_val *cells = rt_shadow_reserve(k, loc);
    rt_val v = xs;
    for (int64_t i = 0; i < k; i++, v = rt_tail(v)) cells[i] = v;
    rt_val out = rt_list_of_heads(cells, k, RT_EMPTY);
    rt_shadow_sp = cells;
    return out;
}

/* The list without its first n elements: shares the tail. */
RT_BUILTIN(drop) {
    rt_val v = rt_list_arg(argv[0], "drop", loc);
    int64_t n = rt_int_arg(argv[1], "drop", loc);
    for (int64_t k = 0; k < n && rt_is_cons(v); k++) v = rt_tail(v);
    return v;
}

/* A list of tuples (all-rt_val, rt_type_tuple), as long as the shortest list. */
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
            items[i] = rt_head(cur[i]);           /* may box: items and cur are rooted */
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
        if (rt_equal_head(argv[0], v)) return RT_TRUE;
    return RT_FALSE;
}

/* A left fold with + or * (overflow-checked, Int/Float promotion). A list of
 * Ints (i64 cells) or Floats (f64 cells) is folded raw, with the semantics
 * of rt_arith: the Int start value meets the first Float as a double. */
static rt_val fold_arith(rt_arith_op op, int64_t init, rt_val xs, const char *name, const char *loc) {
    xs = rt_list_arg(xs, name, loc);
    const rt_type *t = rt_is_cons(xs) ? rt_type_of(xs) : NULL;
    if (t == &rt_type_cons_i64) {
        int64_t acc = init;
        for (rt_val v = xs; rt_is_cons(v); v = rt_tail(v)) {
            int64_t x = (int64_t)RT_CONS(v)->head;
            if (op == RT_OP_ADD ? __builtin_add_overflow(acc, x, &acc) : __builtin_mul_overflow(acc, x, &acc))
                rt_error_overflow(loc);
        }
        return rt_box_int(acc);
    }
    if (t == &rt_type_cons_f64) {
        double acc = (double)init;
        for (rt_val v = xs; rt_is_cons(v); v = rt_tail(v)) {
            double x = rt_bits_f64(RT_CONS(v)->head);
            acc = op == RT_OP_ADD ? acc + x : acc * x;
        }
        return rt_box_float(acc);
    }
    rt_val acc = rt_make_fixnum(init);
    RT_PUSH_ROOT(acc);
    for (rt_val v = xs; rt_is_cons(v); v = rt_tail(v)) {
        rt_val x = rt_head(v);                   /* may box (a raw suffix): acc is rooted */
        acc = rt_arith(op, acc, x, name, loc);
    }
    rt_pop_roots(1);
    return acc;
}

RT_BUILTIN(sum) { return fold_arith(RT_OP_ADD, 0, argv[0], "sum", loc); }
RT_BUILTIN(product) { return fold_arith(RT_OP_MUL, 1, argv[0], "product", loc); }

/* Deep flatten without C recursion: the tails still to visit are kept on the
 * shadow stack (they are reachable from the argument anyway); the cells whose
 * heads are leaves are collected, then their heads consed back to front. */
RT_BUILTIN(flatten) {
    rt_val v = rt_list_arg(argv[0], "flatten", loc);
    rt_val *base = rt_shadow_sp;
    rt_lbuild out;
    rt_lb_init(&out);
    for (;;) {
        if (rt_is_cons(v)) {
            rt_val cell = v;
            v = rt_tail(v);
            if (!rt_cell_raw(cell)) {              /* a raw head is a number: a leaf */
                rt_val x = RT_CONS(cell)->head;
                if (rt_is_cons(x)) {
                    if (rt_is_cons(v)) *rt_shadow_reserve(1, loc) = v;   /* resume there later */
                    v = x;
                    continue;
                }
                if (x == RT_EMPTY) continue;
            }
            rt_lb_add(&out, cell);
        } else if (rt_shadow_sp > base) {
            v = *--rt_shadow_sp;
        } else {
            break;
        }
    }
    return rt_lb_finish_heads(&out);
}

/* (sort xs) by `<` on numbers or strings; (sort xs less?) with a predicate.
 * Stable: a later element goes first only if it is strictly less. */
static int sort_less(rt_val pred, rt_val *pair, rt_val b, rt_val a, const char *loc) {
    if (!pred) return rt_compare(a, b, "sort", loc) == 1;   /* b < a; operands in list order for messages */
    pair[0] = b;
    pair[1] = a;
    return rt_truthy(rt_apply(pred, 2, pair, loc));
}

/* Bottom-up merge sort of raw Ints (f64 = 0) or Floats, stable, `<` as
 * rt_compare orders them (a nan is never less). Returns the sorted half. */
static uint64_t *sort_raw_words(uint64_t *a, uint64_t *tmp, int64_t n, int f64) {
    for (int64_t w = 1; w < n; w *= 2) {
        for (int64_t lo = 0; lo < n; lo += 2 * w) {
            int64_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            int64_t l = lo, r = mid, k = lo;
            while (l < mid && r < hi) {
                int less = f64 ? rt_bits_f64(a[r]) < rt_bits_f64(a[l]) : (int64_t)a[r] < (int64_t)a[l];
                tmp[k++] = less ? a[r++] : a[l++];
            }
            while (l < mid) tmp[k++] = a[l++];
            while (r < hi) tmp[k++] = a[r++];
        }
        uint64_t *t = a; a = tmp; tmp = t;
    }
    return a;
}

RT_BUILTIN(sort) {
    rt_val xs = rt_list_arg(argv[0], "sort", loc);
    rt_val pred = argc > 1 ? argv[1] : 0;
    int64_t n = list_length(xs);
    if (n < 2) return xs;
    if (!pred && rt_cell_raw(xs)) {
        /* a list of Ints or of Floats: sorted raw in an untraced buffer */
        int f64 = rt_type_of(xs) == &rt_type_cons_f64;
        rt_val buf = rt_rawbuf_new(2 * n);
        RT_PUSH_ROOT(buf);
        uint64_t *a = rt_rawbuf_words(buf);
        int64_t i = 0;
        for (rt_val v = xs; rt_is_cons(v); v = rt_tail(v)) a[i++] = RT_CONS(v)->head;
        a = sort_raw_words(a, a + n, n, f64);
        rt_val out = RT_EMPTY;
        for (int64_t j = n; j-- > 0;) out = f64 ? rt_cons_new_f64(rt_bits_f64(a[j]), out) : rt_cons_new_i64((int64_t)a[j], out);
        rt_pop_roots(1);
        return out;
    }
    /* a[0..n) and a scratch half in one GC record (rooted, freed when done) */
    rt_val buf = rt_record_new(&rt_type_tuple, 2 * n);
    RT_PUSH_ROOT(buf);
    rt_val *a = RT_REC(buf)->fields, *tmp = a + n;
    int64_t i = 0;
    for (rt_val v = xs; rt_is_cons(v); v = rt_tail(v)) {
        rt_val x = rt_head(v);                     /* may box: buf is rooted */
        a[i++] = x;
    }
    rt_val *pair = rt_shadow_reserve(2, loc);         /* the predicate's arguments */
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
    rt_val out = rt_list_of_vals(a, n, RT_EMPTY);
    rt_pop_roots(1);
    return out;
}
