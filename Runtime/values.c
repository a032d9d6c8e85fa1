/* values.c — type descriptors, boxing and checked unboxing, object constructors. */
#include "rt_internal.h"

const rt_type rt_type_string = {RT_K_STRING, 0, "String"};
const rt_type rt_type_cons = {RT_K_CONS, 0, "List"};
const rt_type rt_type_int = {RT_K_INT, 0, "Int"};
const rt_type rt_type_float = {RT_K_FLOAT, 0, "Float"};
const rt_type rt_type_closure = {RT_K_CLOSURE, 0, "Function"};
const rt_type rt_type_cell = {RT_K_CELL, 0, "Cell"};
const rt_type rt_type_rawcell = {RT_K_RAWCELL, 0, "Cell"};
const rt_type rt_type_state = {RT_K_STATE, 0, "State"};
const rt_type rt_type_error = {RT_K_ERROR, 0, "Error"};
const rt_type rt_type_tuple = {RT_K_TUPLE, 0, "Tuple"};

const char *rt_type_name(rt_val v) {
    if (rt_is_fixnum(v)) return "Int";
    switch (v) {
    case RT_NIL: return "Nil";
    case RT_TRUE: case RT_FALSE: return "Bool";
    case RT_EMPTY: return "List";
    case 0: return "Undefined";
    }
    return rt_is_ptr(v) ? rt_type_of(v)->name : "Unknown";
}

/* Constructors keep their rt_val arguments on the shadow stack while they
 * allocate, so callers need not root values they only pass in. (Writing a
 * few slots past rt_shadow_limit lands in the guard region: stack-overflow.) */
static inline rt_val *shadow_enter(void) {
    if (RT_UNLIKELY(!rt_shadow_sp)) rt_gc_init();
    return rt_shadow_sp;
}

/* ---- boxing ----------------------------------------------------------------------- */

rt_val rt_box_int(int64_t i) {
    if (i >= RT_FIXNUM_MIN && i <= RT_FIXNUM_MAX) return rt_make_fixnum(i);
    rt_boxint *b = rt_alloc(&rt_type_int, sizeof *b);
    b->value = i;
    return (rt_val)b;
}

rt_val rt_box_float(double d) {
    rt_boxfloat *b = rt_alloc(&rt_type_float, sizeof *b);
    b->value = d;
    return (rt_val)b;
}

int64_t rt_unbox_int(rt_val v, const char *loc) {
    if (RT_LIKELY(rt_is_fixnum(v))) return rt_fixnum_value(v);
    if (rt_is_kind(v, RT_K_INT)) return ((rt_boxint *)v)->value;
    rt_error_expected("Int", v, loc);
}

double rt_unbox_float(rt_val v, const char *loc) {
    rt_num n;
    if (!rt_get_num(v, &n)) rt_error_expected("Float", v, loc);
    return rt_num_as_double(&n);
}

int rt_unbox_bool(rt_val v, const char *loc) {
    if (v == RT_TRUE) return 1;
    if (v == RT_FALSE) return 0;
    rt_error_expected("Bool", v, loc);
}

rt_val rt_check_string(rt_val v, const char *loc) {
    if (!rt_is_string(v)) rt_error_expected("String", v, loc);
    return v;
}

rt_val rt_check_list(rt_val v, const char *loc) {
    if (!rt_is_list(v)) rt_error_expected("List", v, loc);
    return v;
}

rt_val rt_check_function(rt_val v, const char *loc) {
    if (!rt_is_fn(v)) rt_error_expected("Function", v, loc);
    return v;
}

rt_val rt_check_nil(rt_val v, const char *loc) {
    if (v != RT_NIL) rt_error_expected("Nil", v, loc);
    return v;
}

/* ---- strings ------------------------------------------------------------------------ */

int64_t rt_utf8_count(const char *p, int64_t n) {
    int64_t count = 0;
    for (int64_t i = 0; i < n; i++) count += ((unsigned char)p[i] & 0xC0) != 0x80;
    return count;
}

rt_val rt_string_alloc(int64_t nbytes) {
    rt_string *s = rt_alloc(&rt_type_string, sizeof(rt_string) + (size_t)nbytes + 1);
    s->nbytes = nbytes;
    return (rt_val)s;
}

void rt_string_finish(rt_val v) {
    rt_string *s = RT_STR(v);
    s->bytes[s->nbytes] = 0;
    s->nchars = rt_utf8_count(s->bytes, s->nbytes);
}

rt_val rt_string_new(const char *bytes, int64_t nbytes) {
    rt_val s = rt_string_alloc(nbytes);
    if (nbytes) memcpy(RT_STR(s)->bytes, bytes, (size_t)nbytes);
    rt_string_finish(s);
    return s;
}

rt_val rt_cstring(const char *s) { return rt_string_new(s, (int64_t)strlen(s)); }

const char *rt_string_bytes(rt_val s) { return RT_STR(s)->bytes; }

/* ---- other objects ------------------------------------------------------------------- */

rt_val rt_cons_new(rt_val head, rt_val tail) {
    rt_val *sp = shadow_enter();
    sp[0] = head;
    sp[1] = tail;
    rt_shadow_sp = sp + 2;
    rt_cons *c = rt_alloc_fields_unset(&rt_type_cons, sizeof *c);
    rt_shadow_sp = sp;
    c->head = head;
    c->tail = tail;
    return (rt_val)c;
}

rt_val rt_closure_new(void *code, const rt_fninfo *info) {
    rt_closure *c = rt_alloc(&rt_type_closure, sizeof(rt_closure) + (size_t)info->nfree * 8);
    c->code = code;
    c->info = info;
    return (rt_val)c;
}

static rt_val cell_new(const rt_type *type, uint64_t bits, int traced) {
    rt_val *sp = shadow_enter();
    sp[0] = traced ? bits : 0;
    rt_shadow_sp = sp + 1;
    rt_cell *c = rt_alloc(type, sizeof *c);
    rt_shadow_sp = sp;
    c->value = bits;
    return (rt_val)c;
}

rt_val rt_cell_new(rt_val v) { return cell_new(&rt_type_cell, v, 1); }
rt_val rt_rawcell_new(uint64_t bits) { return cell_new(&rt_type_rawcell, bits, 0); }
rt_val rt_state_new(rt_val v) { return cell_new(&rt_type_state, v, 1); }

rt_val rt_adt_new(const rt_type *ctor) {
    return (rt_val)rt_alloc(ctor, sizeof(rt_adt) + (size_t)ctor->nfields * 8);
}

rt_val rt_record_new(const rt_type *type, int64_t n) {
    rt_record *r = rt_alloc(type, sizeof(rt_record) + (size_t)n * 8);
    r->n = n;
    return (rt_val)r;
}

rt_val rt_tuple_new(int64_t n, const rt_val *items) {
    rt_val *sp = shadow_enter();
    memcpy(sp, items, (size_t)n * 8);
    rt_shadow_sp = sp + n;
    rt_val r = rt_record_new(&rt_type_tuple, n);
    memcpy(RT_REC(r)->fields, sp, (size_t)n * 8);
    rt_shadow_sp = sp;
    return r;
}

rt_val rt_error_value_new(rt_val kind, rt_val message) {
    rt_val *sp = shadow_enter();
    sp[0] = kind;
    sp[1] = message;
    rt_shadow_sp = sp + 2;
    rt_errval *e = rt_alloc(&rt_type_error, sizeof *e);
    rt_shadow_sp = sp;
    e->kind = kind;
    e->message = message;
    return (rt_val)e;
}
