/* symbols.c — every runtime symbol compiled code may reference, for the
 * JIT to define as absolute symbols. */
#include "rt_internal.h"
#include <math.h>

#define SYM(s) {#s, (void *)&s},

const rt_symbol rt_symbols[] = {
    /* lifecycle and memory */
    SYM(rt_init) SYM(rt_set_args) SYM(rt_run) SYM(rt_exit) SYM(rt_main) SYM(rt_flush)
    SYM(rt_shadow_sp) SYM(rt_shadow_base) SYM(rt_shadow_limit) SYM(rt_shadow_overflow)
    SYM(rt_alloc) SYM(rt_add_roots) SYM(rt_remove_roots) SYM(rt_gc_collect)
    SYM(rt_push_root) SYM(rt_pop_roots) SYM(rt_set_extra_roots) SYM(rt_gc_mark_val)
    SYM(rt_gc_set_stress) SYM(rt_gc_get_stats) SYM(rt_symbol_table) SYM(rt_builtin_table)
    /* descriptors */
    SYM(rt_type_string) SYM(rt_type_cons) SYM(rt_type_int) SYM(rt_type_float)
    SYM(rt_type_closure) SYM(rt_type_cell) SYM(rt_type_rawcell) SYM(rt_type_state)
    SYM(rt_type_error) SYM(rt_type_tuple) SYM(rt_type_cons_i64) SYM(rt_type_cons_f64)
    /* boxing and objects */
    SYM(rt_box_int) SYM(rt_box_float) SYM(rt_unbox_int) SYM(rt_unbox_float) SYM(rt_unbox_bool)
    SYM(rt_check_string) SYM(rt_check_list) SYM(rt_check_function) SYM(rt_check_nil)
    SYM(rt_string_new) SYM(rt_string_bytes) SYM(rt_cons_new) SYM(rt_closure_new)
    SYM(rt_cons_new_i64) SYM(rt_cons_new_f64) SYM(rt_cons_type) SYM(rt_check_list_repr) SYM(rt_field_get)
    SYM(rt_cell_new) SYM(rt_rawcell_new) SYM(rt_record_new) SYM(rt_adt_new) SYM(rt_tuple_new) SYM(rt_error_value_new)
    /* errors */
    SYM(rt_error) SYM(rt_error_overflow) SYM(rt_error_div_zero) SYM(rt_error_uninit)
    SYM(rt_error_arity) SYM(rt_error_type) SYM(rt_raise) SYM(rt_handle) SYM(rt_loc_hint)
    /* calls, printing, equality */
    SYM(rt_apply) SYM(rt_uniform_code) SYM(rt_builtins) SYM(rt_builtin_count) SYM(rt_builtin_lookup)
    SYM(rt_to_string) SYM(rt_print_values) SYM(rt_equal) SYM(rt_format_float)
    /* arithmetic */
    SYM(rt_add2) SYM(rt_sub2) SYM(rt_mul2) SYM(rt_div2) SYM(rt_mod2) SYM(rt_quot2) SYM(rt_rem2)
    SYM(rt_neg1) SYM(rt_lt2) SYM(rt_le2) SYM(rt_gt2) SYM(rt_ge2)
    SYM(rt_int_div) SYM(rt_int_mod) SYM(rt_int_quot) SYM(rt_int_rem) SYM(rt_float_mod)
    SYM(rt_pi) SYM(rt_e)
    /* C library functions LLVM may lower operations to (frem -> fmod, ...) */
    SYM(fmod) SYM(pow) SYM(exp) SYM(log) SYM(sin) SYM(cos) SYM(tan) SYM(atan) SYM(atan2)
    SYM(sqrt) SYM(floor) SYM(ceil) SYM(trunc) SYM(round) SYM(nearbyint) SYM(rint)
    SYM(memcpy) SYM(memmove) SYM(memset)
    /* builtins: C entries and static closures */
#define X(id, nm, mn, mx) {"rt_b_" #id, (void *)&rt_b_##id}, {"rt_bc_" #id, (void *)&rt_bc_##id},
#include "rt_builtins_list.h"
#undef X
};
const size_t rt_symbol_count = sizeof rt_symbols / sizeof rt_symbols[0];

const rt_symbol *rt_symbol_table(size_t *count) {
    *count = rt_symbol_count;
    return rt_symbols;
}
