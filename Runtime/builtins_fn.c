/* builtins_fn.c — identity, apply, compose, partial.
 *
 * compose and partial return closures made here: one static rt_fninfo each
 * (anonymous, any number of arguments, not RT_FN_UNIFORM, so every call goes
 * through rt_apply and `generic`), capturing a single word, free[0]: a tuple
 * of the captured values. `code` is set to the generic entry, like the
 * builtins' static closures, so it is a valid C function pointer in any case.
 * Argument arrays built for calls live on the shadow stack: they are GC roots
 * and an error unwinding through them restores rt_shadow_sp, so nothing leaks.
 * The captured tuples are the runtime's own (rt_tuple_new: rt_type_tuple,
 * every field an rt_val), so their fields are read directly.
 */
#include "rt_internal.h"

RT_BUILTIN(identity) { return argv[0]; }

/* (apply f a ... xs): f called with the leading arguments, then xs's elements. */
RT_BUILTIN(apply) {
    rt_val xs = rt_list_arg(argv[argc - 1], "apply", loc);
    int64_t lead = argc - 2, n = lead;
    for (rt_val v = xs; rt_is_cons(v); v = rt_tail(v)) n++;
    rt_val *args = rt_shadow_reserve(n, loc);
    memcpy(args, argv + 1, (size_t)lead * sizeof *args);
    int64_t i = lead;
    for (rt_val v = xs; rt_is_cons(v); v = rt_tail(v)) {
        rt_val x = rt_head(v);          /* may box a raw head: args is rooted (zeroed) */
        args[i++] = x;
    }
    rt_val r = rt_apply(argv[0], n, args, loc);
    rt_shadow_sp = args;
    return r;
}

static void check_functions(int64_t argc, const rt_val *argv, const char *name, const char *loc) {
    for (int64_t i = 0; i < argc; i++)
        if (!rt_is_fn(argv[i])) rt_error_type(name, "a Function", argv[i], loc);
}

/* A closure of `info` whose free[0] is a tuple of argv[0..argc). */
static rt_val capture(const rt_fninfo *info, int64_t argc, const rt_val *argv) {
    rt_val t = rt_tuple_new(argc, argv);
    RT_PUSH_ROOT(t);
    rt_val c = rt_closure_new((void *)info->generic, info);
    RT_CLO(c)->free[0] = t;
    rt_pop_roots(1);
    return c;
}

/* ((compose f ... g h) x ...) = (f ... (g (h x ...))). */
static rt_val composed(rt_val self, int64_t argc, const rt_val *argv, const char *loc) {
    rt_val *keep = rt_shadow_reserve(1, loc);    /* self need not be rooted by our caller */
    keep[0] = self;
    const rt_record *fns = RT_REC(RT_CLO(self)->free[0]);
    int64_t i = fns->n - 1;
    rt_val r = rt_apply(fns->fields[i], argc, argv, loc);
    while (i-- > 0) r = rt_apply1(fns->fields[i], r, loc);
    rt_shadow_sp = keep;
    return r;
}
static const rt_fninfo composed_info = {composed, NULL, 0, -1, 1, 0, 0};

RT_BUILTIN(compose) {
    if (argc == 0) return (rt_val)(uintptr_t)&rt_bc_identity;
    check_functions(argc, argv, "compose", loc);
    return capture(&composed_info, argc, argv);
}

/* ((partial f a ...) y ...) = (f a ... y ...). */
static rt_val partially_applied(rt_val self, int64_t argc, const rt_val *argv, const char *loc) {
    const rt_record *t = RT_REC(RT_CLO(self)->free[0]);
    int64_t k = t->n;    /* f and its k - 1 leading arguments */
    rt_val *args = rt_shadow_reserve(k + argc, loc);
    memcpy(args, t->fields, (size_t)k * sizeof *args);
    memcpy(args + k, argv, (size_t)argc * sizeof *args);
    rt_val r = rt_apply(args[0], k - 1 + argc, args + 1, loc);
    rt_shadow_sp = args;
    return r;
}
static const rt_fninfo partial_info = {partially_applied, NULL, 0, -1, 1, 0, 0};

RT_BUILTIN(partial) {
    check_functions(1, argv, "partial", loc);
    return capture(&partial_info, argc, argv);
}
