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
