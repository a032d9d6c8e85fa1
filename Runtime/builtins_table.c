/* builtins_table.c — static closures and the rt_builtins table, generated
 * from rt_builtins_list.h. */
#include "rt_internal.h"

#define X(id, nm, mn, mx) \
    static const rt_fninfo rt_bi_##id = {rt_b_##id, nm, mn, mx, 0, RT_FN_BUILTIN, 0}; \
    const rt_closure rt_bc_##id = {{(uintptr_t)&rt_type_closure}, (void *)rt_b_##id, &rt_bi_##id};
#include "rt_builtins_list.h"
#undef X

const rt_builtin rt_builtins[] = {
#define X(id, nm, mn, mx) {nm, "rt_b_" #id, rt_b_##id, mn, mx, (rt_val)(uintptr_t)&rt_bc_##id, "rt_bc_" #id},
#include "rt_builtins_list.h"
#undef X
};
const size_t rt_builtin_count = sizeof rt_builtins / sizeof rt_builtins[0];

const rt_builtin *rt_builtin_lookup(const char *name) {
    for (size_t i = 0; i < rt_builtin_count; i++)
        if (strcmp(rt_builtins[i].name, name) == 0) return &rt_builtins[i];
    return NULL;
}

const rt_builtin *rt_builtin_table(size_t *count) {
    *count = rt_builtin_count;
    return rt_builtins;
}
