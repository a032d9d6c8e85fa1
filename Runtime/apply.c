/* apply.c — calling function values. */
#include "rt_internal.h"

_Noreturn static void not_a_function(rt_val f, const char *loc) {
    rt_sbuf b = {0};
    rt_sbuf_puts(&b, "not a function: ");
    rt_render(&b, f, 1);
    rt_sbuf_putc(&b, 0);
    rt_error_owned("type-error", b.p, loc);
}

rt_val rt_apply(rt_val f, int64_t argc, const rt_val *argv, const char *loc) {
    if (RT_UNLIKELY(!rt_is_fn(f))) not_a_function(f, loc);
    const rt_fninfo *info = RT_CLO(f)->info;
    if (RT_UNLIKELY(argc < info->min_args || (info->max_args >= 0 && argc > info->max_args)))
        rt_error_arity_range(info->name, info->min_args, info->max_args, argc, loc);
    return info->generic(f, argc, argv, loc);
}

rt_val rt_apply1(rt_val f, rt_val x, const char *loc) {
    rt_val *sp = rt_shadow_sp;
    sp[0] = x;
    rt_shadow_sp = sp + 1;
    rt_val r = rt_apply(f, 1, sp, loc);
    rt_shadow_sp = sp;
    return r;
}

void *rt_uniform_code(rt_val f, int64_t argc) {
    if (!rt_is_fn(f)) return NULL;
    const rt_fninfo *info = RT_CLO(f)->info;
    if ((info->flags & (RT_FN_UNIFORM | RT_FN_VM)) != RT_FN_UNIFORM || info->min_args != argc || info->max_args != argc)
        return NULL;
    return RT_CLO(f)->code;
}
