/* values.c — type descriptors, boxing and checked unboxing, object constructors. */
#include "rt_internal.h"

const rt_type rt_type_string = {.kind = RT_K_STRING, .name = "String"};
/* List cells: head an rt_val, a raw int64_t or a raw double (field 0). */
const rt_type rt_type_cons = {.kind = RT_K_CONS, .name = "List", .base = &rt_type_cons};
const rt_type rt_type_cons_i64 = {.kind = RT_K_CONS, .name = "List", .rawmask = 1, .f64mask = 0, .base = &rt_type_cons};
const rt_type rt_type_cons_f64 = {.kind = RT_K_CONS, .name = "List", .rawmask = 1, .f64mask = 1, .base = &rt_type_cons};
const rt_type rt_type_int = {.kind = RT_K_INT, .name = "Int"};
const rt_type rt_type_float = {.kind = RT_K_FLOAT, .name = "Float"};
const rt_type rt_type_closure = {.kind = RT_K_CLOSURE, .name = "Function"};
const rt_type rt_type_cell = {.kind = RT_K_CELL, .name = "Cell"};
const rt_type rt_type_rawcell = {.kind = RT_K_RAWCELL, .name = "Cell"};
const rt_type rt_type_state = {.kind = RT_K_STATE, .name = "State"};
const rt_type rt_type_error = {.kind = RT_K_ERROR, .name = "Error"};
const rt_type rt_type_tuple = {.kind = RT_K_TUPLE, .name = "Tuple", .base = &rt_type_tuple};
/* rt_rawbuf_new's scratch objects: no references inside (a leaf for the GC). */
static const rt_type rt_type_rawbuf = {.kind = RT_K_RAWCELL, .name = "Buffer"};

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

rt_val rt_box_raw(uint64_t w, int is_f64) {
    return is_f64 ? rt_box_float(rt_bits_f64(w)) : rt_box_int((int64_t)w);
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

const rt_type *rt_cons_type(int64_t repr) {
    switch (repr) {
    case RT_R_I64: return &rt_type_cons_i64;
    case RT_R_F64: return &rt_type_cons_f64;
    default: return &rt_type_cons;
    }
}

/* By the list invariant the first cell certifies the whole list. RT_R_VAL
 * accepts any list (like rt_check_list). */
rt_val rt_check_list_repr(rt_val v, int64_t repr, const char *loc) {
    if (repr != RT_R_I64 && repr != RT_R_F64) return rt_check_list(v, loc);
    if (RT_LIKELY(v == RT_EMPTY || (rt_is_ptr(v) && rt_type_of(v) == rt_cons_type(repr)))) return v;
    rt_error_expected(repr == RT_R_I64 ? "(List Int)" : "(List Float)", v, loc);
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

/* A cell of descriptor t with a raw head: only the tail is rooted. */
static inline rt_val cons_raw(const rt_type *t, uint64_t head, rt_val tail) {
    rt_val *sp = shadow_enter();
    sp[0] = tail;
    rt_shadow_sp = sp + 1;
    rt_cons *c = rt_alloc_fields_unset(t, sizeof *c);
    rt_shadow_sp = sp;
    c->head = head;
    c->tail = tail;
    return (rt_val)c;
}

/* May a cell of descriptor t (i64 or f64) have this tail? [] or a cell of t. */
static inline int raw_tail_ok(rt_val tail, const rt_type *t) {
    return tail == RT_EMPTY || (rt_is_ptr(tail) && rt_type_of(tail) == t);
}

/* The cell kind follows the list invariant: an Int head on [] or an i64
 * cell makes an i64 cell, a Float head on [] or an f64 cell an f64 cell,
 * anything else a val cell. */
rt_val rt_cons_new(rt_val head, rt_val tail) {
    if (rt_is_fixnum(head)) {
        if (RT_LIKELY(raw_tail_ok(tail, &rt_type_cons_i64)))
            return cons_raw(&rt_type_cons_i64, (uint64_t)rt_fixnum_value(head), tail);
    } else if (rt_is_ptr(head)) {
        uint32_t kind = rt_kind_of(head);
        if (kind == RT_K_FLOAT) {
            if (raw_tail_ok(tail, &rt_type_cons_f64))
                return cons_raw(&rt_type_cons_f64, rt_f64_bits(rt_float_value(head)), tail);
        } else if (kind == RT_K_INT) {
            if (raw_tail_ok(tail, &rt_type_cons_i64))
                return cons_raw(&rt_type_cons_i64, (uint64_t)((rt_boxint *)head)->value, tail);
        }
    }
    return rt_cons_new_val(head, tail);
}

rt_val rt_cons_new_val(rt_val head, rt_val tail) {
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

rt_val rt_cons_new_i64(int64_t head, rt_val tail) { return cons_raw(&rt_type_cons_i64, (uint64_t)head, tail); }
rt_val rt_cons_new_f64(double head, rt_val tail) { return cons_raw(&rt_type_cons_f64, rt_f64_bits(head), tail); }

rt_val rt_cons_from_cell(rt_val src, rt_val tail) {
    const rt_type *t = rt_type_of(src);
    uint64_t w = RT_CONS(src)->head;
    if (RT_LIKELY(!(t->rawmask & 1))) return rt_cons_new(w, tail);
    if (raw_tail_ok(tail, t)) return cons_raw(t, w, tail);
    rt_val *sp = shadow_enter();         /* a raw head on another kind of tail: a val cell */
    sp[0] = tail;
    rt_shadow_sp = sp + 1;
    rt_val head = rt_box_raw(w, (int)(t->f64mask & 1));
    rt_shadow_sp = sp;
    return rt_cons_new(head, tail);
}

rt_val rt_list_of_vals(const rt_val *vals, int64_t n, rt_val tail) {
    for (int64_t i = n; i-- > 0;) tail = rt_cons_new(vals[i], tail);
    return tail;
}

rt_val rt_list_of_heads(const rt_val *cells, int64_t n, rt_val tail) {
    for (int64_t i = n; i-- > 0;) tail = rt_cons_from_cell(cells[i], tail);
    return tail;
}

/* The builder's buffer is full: a new one twice as big (v rooted meanwhile). */
void rt_lb_grow_add(rt_lbuild *b, rt_val v) {
    rt_val *sp = shadow_enter();
    sp[0] = v;
    rt_shadow_sp = sp + 1;
    int64_t cap = b->cap ? 2 * b->cap : 16;
    rt_val buf = rt_record_new(&rt_type_tuple, cap);
    if (b->n) memcpy(RT_REC(buf)->fields, b->items, (size_t)b->n * sizeof(rt_val));
    b->buf = buf;
    b->items = RT_REC(buf)->fields;
    b->cap = cap;
    b->items[b->n++] = sp[0];
    rt_shadow_sp = sp;
}

rt_val rt_rawbuf_new(int64_t nwords) {
    return (rt_val)rt_alloc(&rt_type_rawbuf, sizeof(rt_header) + (size_t)nwords * 8);
}

rt_val rt_field_get(rt_val obj, int64_t i) {
    const rt_type *t = rt_type_of(obj);
    switch (t->kind) {
    case RT_K_CONS: return i == 0 ? rt_head(obj) : rt_tail(obj);
    case RT_K_TUPLE: return rt_field_word_val(t, RT_REC(obj)->fields[i], i);
    default: return rt_field_word_val(t, RT_ADT(obj)->fields[i], i);
    }
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
