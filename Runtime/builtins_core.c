/* builtins_core.c — printing, equality, predicates, tuples, io, state and
 * error builtins. */
#include "rt_internal.h"
#include <stdio.h>

/* ---- printing -------------------------------------------------------------------- */

RT_BUILTIN(print) {
    rt_print_values(argc, argv);
    return RT_NIL;
}
RT_BUILTIN_ALIAS(io_print, print)

RT_BUILTIN(to_string) { return rt_to_string(argv[0]); }

/* ---- equality ---------------------------------------------------------------------- */

static int all_equal(int64_t argc, const rt_val *argv) {
    for (int64_t i = 1; i < argc; i++)
        if (!rt_equal(argv[i - 1], argv[i])) return 0;
    return 1;
}

RT_BUILTIN(eq) { return rt_bool(all_equal(argc, argv)); }
RT_BUILTIN_ALIAS(eq_alias, eq)
RT_BUILTIN(ne) { return rt_bool(!all_equal(argc, argv)); }
RT_BUILTIN_ALIAS(ne_alias, ne)
RT_BUILTIN(not) { return rt_bool(!rt_truthy(argv[0])); }

/* ---- predicates ----------------------------------------------------------------------- */

#define PREDICATE(id, test) \
    RT_BUILTIN(id) { rt_val v = argv[0]; return rt_bool(test); }
PREDICATE(int_p, rt_is_int(v))
PREDICATE(float_p, rt_is_float(v))
PREDICATE(number_p, rt_is_number(v))
PREDICATE(string_p, rt_is_string(v))
PREDICATE(bool_p, v == RT_TRUE || v == RT_FALSE)
PREDICATE(nil_p, v == RT_NIL)
PREDICATE(list_p, rt_is_list(v))
PREDICATE(tuple_p, rt_is_kind(v, RT_K_TUPLE))
PREDICATE(function_p, rt_is_fn(v))

/* ---- tuples ---------------------------------------------------------------------------- */

static rt_val tuple_at(rt_val t, int64_t i, const char *name, const char *loc) {
    if (!rt_is_kind(t, RT_K_TUPLE)) rt_error_type(name, "a Tuple", t, loc);
    const rt_record *r = RT_REC(t);
    if (i < 0 || i >= r->n) {
        char msg[96];
        snprintf(msg, sizeof msg, "index %lld out of range for tuple of length %lld", (long long)i, (long long)r->n);
        rt_error("index-out-of-range", msg, loc);
    }
    return rt_item(t, i);      /* boxes a raw item (a tuple built by typed code) */
}

RT_BUILTIN(tuple) { return rt_tuple_new(argc, argv); }
RT_BUILTIN(fst) { return tuple_at(argv[0], 0, "fst", loc); }
RT_BUILTIN(snd) { return tuple_at(argv[0], 1, "snd", loc); }
RT_BUILTIN(tuple_ref) { return tuple_at(argv[0], rt_int_arg(argv[1], "tuple-ref", loc), "tuple-ref", loc); }

/* ---- io ------------------------------------------------------------------------------------ */

RT_BUILTIN(io_args) {
    int n;
    const char *const *args = rt_get_args(&n);
    rt_val list = RT_EMPTY;
    RT_PUSH_ROOT(list);
    for (int i = n; i-- > 0;) {
        rt_val s = rt_cstring(args[i]);
        list = rt_cons_new(s, list);
    }
    rt_pop_roots(1);
    return list;
}

RT_BUILTIN(io_exit) {
    int64_t code = argc ? rt_int_arg(argv[0], "io:exit", loc) : 0;
    rt_flush();
    rt_terminate((int)code);
}

/* ---- state cells ------------------------------------------------------------------------- */

static rt_cell *state_arg(rt_val v, const char *name, const char *loc) {
    if (!rt_is_kind(v, RT_K_STATE)) rt_error_type(name, "a State", v, loc);
    return RT_CELLP(v);
}

RT_BUILTIN(state_new) { return rt_state_new(argv[0]); }
RT_BUILTIN(state_get) { return state_arg(argv[0], "state:get", loc)->value; }

RT_BUILTIN(state_set) {
    state_arg(argv[0], "state:set", loc)->value = argv[1];
    return RT_NIL;
}

RT_BUILTIN(state_update) {
    rt_cell *c = state_arg(argv[0], "state:update", loc);
    rt_val v = rt_apply1(argv[1], c->value, loc);
    c->value = v;
    return RT_NIL;
}

/* ---- errors ---------------------------------------------------------------------------------- */

static rt_errval *error_arg(rt_val v, const char *name, const char *loc) {
    if (!rt_is_kind(v, RT_K_ERROR)) rt_error_type(name, "an Error", v, loc);
    return (rt_errval *)v;
}

RT_BUILTIN(error_raise) {
    rt_string_arg(argv[0], "error:raise", loc);
    rt_string_arg(argv[1], "error:raise", loc);
    rt_raise(rt_error_value_new(argv[0], argv[1]), loc);
}

RT_BUILTIN(error_kind) { return error_arg(argv[0], "error:kind", loc)->kind; }
RT_BUILTIN(error_message) { return error_arg(argv[0], "error:message", loc)->message; }
RT_BUILTIN(error_handle) { return rt_handle(argv[0], argv[1], loc); }
