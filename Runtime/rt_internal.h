/* rt_internal.h — declarations shared by the runtime's own C files. */
#ifndef RT_INTERNAL_H
#define RT_INTERNAL_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1   /* vasprintf, pthread_getattr_np, fwrite_unlocked */
#endif

#include "claude_rt.h"
#include <string.h>

#define RT_LIKELY(x) __builtin_expect(!!(x), 1)
#define RT_UNLIKELY(x) __builtin_expect(!!(x), 0)

/* ---- object access ------------------------------------------------------ */

static inline const rt_type *rt_type_of(rt_val v) {
    return (const rt_type *)(((const rt_header *)v)->type & ~(uintptr_t)1);
}
static inline uint32_t rt_kind_of(rt_val v) { return rt_type_of(v)->kind; }
static inline int rt_is_kind(rt_val v, uint32_t kind) {
    return rt_is_ptr(v) && rt_kind_of(v) == kind;
}
#define RT_STR(v) ((rt_string *)(v))
#define RT_CONS(v) ((rt_cons *)(v))
#define RT_CLO(v) ((rt_closure *)(v))
#define RT_REC(v) ((rt_record *)(v))
#define RT_ADT(v) ((rt_adt *)(v))
#define RT_CELLP(v) ((rt_cell *)(v))

/* The fields of a tuple or a data-type value, and their number. The words
 * are rt_val unless the descriptor marks them raw: read them through
 * rt_field_word_val / rt_item, never directly. */
static inline int64_t rt_fields_count(rt_val v) {
    return rt_kind_of(v) == RT_K_ADT ? (int64_t)rt_type_of(v)->nfields : RT_REC(v)->n;
}
static inline rt_val *rt_fields(rt_val v) {
    return rt_kind_of(v) == RT_K_ADT ? RT_ADT(v)->fields : RT_REC(v)->fields;
}
/* The all-rt_val descriptor of a cons / tuple / constructor descriptor
 * (itself when `base` is unset, as in hand-written descriptors). */
static inline const rt_type *rt_base_type(const rt_type *t) { return t->base ? t->base : t; }

static inline int rt_is_string(rt_val v) { return rt_is_kind(v, RT_K_STRING); }
static inline int rt_is_cons(rt_val v) { return rt_is_kind(v, RT_K_CONS); }    /* any of the three cell kinds */
static inline int rt_is_list(rt_val v) { return v == RT_EMPTY || rt_is_cons(v); }
static inline int rt_is_fn(rt_val v) { return rt_is_kind(v, RT_K_CLOSURE); }
static inline int rt_is_float(rt_val v) { return rt_is_kind(v, RT_K_FLOAT); }
static inline int rt_is_int(rt_val v) { return rt_is_fixnum(v) || rt_is_kind(v, RT_K_INT); }
static inline int rt_is_number(rt_val v) { return rt_is_int(v) || rt_is_float(v); }
static inline double rt_float_value(rt_val v) { return ((rt_boxfloat *)v)->value; }
/* The value of an Int (fixnum or boxed); v must be an Int. */
static inline int64_t rt_int_value(rt_val v) {
    return rt_is_fixnum(v) ? rt_fixnum_value(v) : ((rt_boxint *)v)->value;
}

/* A number unpacked for arithmetic. */
typedef struct rt_num { int is_float; int64_t i; double f; } rt_num;
static inline int rt_get_num(rt_val v, rt_num *n) {
    if (rt_is_fixnum(v)) { n->is_float = 0; n->i = rt_fixnum_value(v); return 1; }
    if (!rt_is_ptr(v)) return 0;
    switch (rt_kind_of(v)) {
    case RT_K_INT: n->is_float = 0; n->i = ((rt_boxint *)v)->value; return 1;
    case RT_K_FLOAT: n->is_float = 1; n->f = ((rt_boxfloat *)v)->value; return 1;
    default: return 0;
    }
}
static inline double rt_num_as_double(const rt_num *n) { return n->is_float ? n->f : (double)n->i; }

/* ---- raw field words (rt_type.rawmask / f64mask) ------------------------------------- */

/* The two list cell descriptors with a raw head (values.c); rt_type_cons is
 * the third. All three have kind RT_K_CONS, name "List", base &rt_type_cons. */
extern const rt_type rt_type_cons_i64, rt_type_cons_f64;
/* A value-head cell whatever the head is (rt_cons_new's fallback; tests use
 * it to hold Ints in a value cell). */
rt_val rt_cons_new_val(rt_val head, rt_val tail);

static inline uint64_t rt_f64_bits(double d) { uint64_t w; memcpy(&w, &d, 8); return w; }
static inline double rt_bits_f64(uint64_t w) { double d; memcpy(&d, &w, 8); return d; }

/* Is field i of an object of descriptor t a raw word (a double when
 * rt_field_f64 too)? Fields >= 64 are always rt_val. */
static inline int rt_field_raw(const rt_type *t, int64_t i) { return i < 64 && (t->rawmask >> i & 1); }
static inline int rt_field_f64(const rt_type *t, int64_t i) { return i < 64 && (t->f64mask >> i & 1); }
/* A raw word as an rt_val: rt_box_float / rt_box_int (MAY ALLOCATE). */
rt_val rt_box_raw(uint64_t w, int is_f64);
/* Word w of field i of an object of descriptor t as an rt_val: w itself when
 * the field is an rt_val, else boxed (MAY ALLOCATE: a caller holding other
 * heap pointers across it roots them). */
static inline rt_val rt_field_word_val(const rt_type *t, uint64_t w, int64_t i) {
    if (RT_LIKELY(!rt_field_raw(t, i))) return w;
    return rt_box_raw(w, rt_field_f64(t, i));
}
/* Word w of field i as a number without allocating, when the field is raw:
 * returns 1 and sets *n; 0 when the field is an rt_val. */
static inline int rt_field_raw_num(const rt_type *t, uint64_t w, int64_t i, rt_num *n) {
    if (RT_LIKELY(!rt_field_raw(t, i))) return 0;
    if (rt_field_f64(t, i)) { n->is_float = 1; n->f = rt_bits_f64(w); }
    else { n->is_float = 0; n->i = (int64_t)w; }
    return 1;
}
/* Field i of a tuple or data-type value as an rt_val (MAY ALLOCATE). */
static inline rt_val rt_item(rt_val v, int64_t i) {
    return rt_field_word_val(rt_type_of(v), rt_fields(v)[i], i);
}

/* ---- list cells ---------------------------------------------------------------------- */

/* Does this cell hold its head raw (an i64 or f64 cell)? */
static inline int rt_cell_raw(rt_val cell) { return (int)(rt_type_of(cell)->rawmask & 1); }
/* The head of a cell as an rt_val: boxes a raw head, so it MAY ALLOCATE
 * (a Float always, an Int outside the fixnum range). */
static inline rt_val rt_head(rt_val cell) {
    const rt_type *t = rt_type_of(cell);
    if (RT_LIKELY(!(t->rawmask & 1))) return RT_CONS(cell)->head;
    return rt_box_raw(RT_CONS(cell)->head, (int)(t->f64mask & 1));
}
static inline rt_val rt_tail(rt_val cell) { return RT_CONS(cell)->tail; }
/* The head of a cell as a number without allocating: 1 if it is one. */
static inline int rt_head_num(rt_val cell, rt_num *n) {
    const rt_type *t = rt_type_of(cell);
    if (t->rawmask & 1) return rt_field_raw_num(t, RT_CONS(cell)->head, 0, n);
    return rt_get_num(RT_CONS(cell)->head, n);
}
/* The head of cell `src` consed onto `tail` (neither need be rooted): a raw
 * head is copied raw when the tail allows it (same cell kind or []), else
 * boxed; an rt_val head goes through rt_cons_new. Copying a list back to
 * front with it keeps the list invariant without boxing. */
rt_val rt_cons_from_cell(rt_val src, rt_val tail);
/* Lists built back to front onto `tail` (need not be rooted) from n words
 * that stay rooted meanwhile (shadow stack, a rooted buffer, reachable from
 * arguments): the values vals[0..n) / the heads of the cells cells[0..n). */
rt_val rt_list_of_vals(const rt_val *vals, int64_t n, rt_val tail);
rt_val rt_list_of_heads(const rt_val *cells, int64_t n, rt_val tail);

/* Checked builtin arguments: "'NAME' expects an Int, got ..." etc. */
static inline int64_t rt_int_arg(rt_val v, const char *name, const char *loc) {
    if (RT_LIKELY(rt_is_fixnum(v))) return rt_fixnum_value(v);
    if (rt_is_kind(v, RT_K_INT)) return ((rt_boxint *)v)->value;
    rt_error_type(name, "an Int", v, loc);
}
static inline rt_string *rt_string_arg(rt_val v, const char *name, const char *loc) {
    if (RT_UNLIKELY(!rt_is_string(v))) rt_error_type(name, "a String", v, loc);
    return RT_STR(v);
}
static inline rt_val rt_list_arg(rt_val v, const char *name, const char *loc) {
    if (RT_UNLIKELY(!rt_is_list(v))) rt_error_type(name, "a List", v, loc);
    return v;
}

/* ---- scratch space and list building for the runtime's C code ------------------------ */

/* Reserves n zeroed slots on the shadow stack (raising stack-overflow when
 * they do not fit) and returns them; they are GC roots until the caller
 * restores rt_shadow_sp to the returned pointer. An error unwinding through
 * the caller restores rt_shadow_sp too, so nothing leaks (unlike malloc). */
static inline rt_val *rt_shadow_reserve(int64_t n, const char *loc) {
    rt_val *sp = rt_shadow_sp;
    if (RT_UNLIKELY(n < 0 || n > rt_shadow_limit - sp)) rt_shadow_overflow(loc);
    if (n) memset(sp, 0, (size_t)n * sizeof *sp);
    rt_shadow_sp = sp + n;
    return sp;
}

/* A list builder. Lists cannot be built front to back by patching the tails
 * of fresh cells: a cell's kind (rt_cons_new picks i64 / f64 / val from its
 * head and tail) depends on every later element. So the builder collects
 * words in a growable buffer (a GC record rooted by one handle) and conses
 * them back to front at the end.
 *   rt_lb_init(&b); rt_lb_add(&b, v) ...; list = rt_lb_finish(&b);
 * rt_lb_add's v need not be rooted. rt_lb_finish makes the list of the
 * collected values; rt_lb_finish_heads treats them as cells and makes the
 * list of their heads (raw heads are copied without boxing). Both pop the
 * handle (an error unwinding through the builder restores it too). */
typedef struct rt_lbuild { rt_val buf; rt_val *items; int64_t n, cap; } rt_lbuild;
void rt_lb_grow_add(rt_lbuild *b, rt_val v);
static inline void rt_lb_init(rt_lbuild *b) {
    b->buf = 0;
    b->items = NULL;
    b->n = b->cap = 0;
    rt_push_root(&b->buf);
}
static inline void rt_lb_add(rt_lbuild *b, rt_val v) {
    if (RT_UNLIKELY(b->n == b->cap)) rt_lb_grow_add(b, v);
    else b->items[b->n++] = v;
}
static inline rt_val rt_lb_finish(rt_lbuild *b) {
    rt_val list = rt_list_of_vals(b->items, b->n, RT_EMPTY);
    rt_pop_roots(1);
    return list;
}
static inline rt_val rt_lb_finish_heads(rt_lbuild *b) {
    rt_val list = rt_list_of_heads(b->items, b->n, RT_EMPTY);
    rt_pop_roots(1);
    return list;
}

/* An untraced scratch object of n words (raw Int / Float bits), for sorting
 * raw lists; root it with a handle while it is used. */
rt_val rt_rawbuf_new(int64_t nwords);
static inline uint64_t *rt_rawbuf_words(rt_val buf) { return (uint64_t *)buf + 1; }

/* ---- builtins (rt_builtins_list.h) --------------------------------------------- */

#define RT_UNUSED __attribute__((unused))
#define RT_BUILTIN(id) \
    rt_val rt_b_##id(RT_UNUSED rt_val self, RT_UNUSED int64_t argc, RT_UNUSED const rt_val *argv, RT_UNUSED const char *loc)
/* A second name for the same C entry. */
#define RT_BUILTIN_ALIAS(id, target) extern __typeof__(rt_b_##target) rt_b_##id __attribute__((alias("rt_b_" #target)));
#define X(id, name, min, max) RT_BUILTIN(id); extern const rt_closure rt_bc_##id;
#include "rt_builtins_list.h"
#undef X

/* ---- gc.c ------------------------------------------------------------------- */

void rt_gc_init(void);
/* rt_alloc without clearing the fields: the caller sets them all before
 * anything else can allocate (or collect). */
void *rt_alloc_fields_unset(const rt_type *type, size_t size);
size_t rt_handle_depth(void);
void rt_handle_restore(size_t depth);
int rt_gc_active(void);
int rt_in_shadow_guard(const void *addr);
void rt_gc_print_stats(void);

/* ---- values.c ------------------------------------------------------------ */

/* A string with room for nbytes (content uninitialised, NUL set); call
 * rt_string_finish after filling it to count the scalars. */
rt_val rt_string_alloc(int64_t nbytes);
void rt_string_finish(rt_val s);
rt_val rt_cstring(const char *s);
int64_t rt_utf8_count(const char *p, int64_t n);
/* "Int", "List", ...: the type name used in messages. */
const char *rt_type_name(rt_val v);
rt_val rt_state_new(rt_val v);

/* ---- apply.c ------------------------------------------------------------- */

rt_val rt_apply1(rt_val f, rt_val x, const char *loc);   /* roots x */

/* ---- print.c ------------------------------------------------------------- */

typedef struct rt_sbuf { char *p; size_t len, cap; } rt_sbuf;
void rt_sbuf_put(rt_sbuf *b, const char *s, size_t n);
void rt_sbuf_puts(rt_sbuf *b, const char *s);
void rt_sbuf_putc(rt_sbuf *b, char c);
void rt_sbuf_free(rt_sbuf *b);
/* Append the rendering of v; nested != 0: in-container form (strings quoted). */
void rt_render(rt_sbuf *b, rt_val v, int nested);
void rt_out_write(const char *p, size_t n);   /* buffered stdout */

/* ---- arith.c --------------------------------------------------------------- */

typedef enum { RT_OP_ADD, RT_OP_SUB, RT_OP_MUL, RT_OP_DIV, RT_OP_MOD, RT_OP_QUOT, RT_OP_REM } rt_arith_op;
typedef enum { RT_CMP_LT, RT_CMP_LE, RT_CMP_GT, RT_CMP_GE } rt_cmp_op;
/* a OP b with Int/Float promotion; errors name `name` (NULL: the operator). */
rt_val rt_arith(rt_arith_op op, rt_val a, rt_val b, const char *name, const char *loc);
rt_val rt_negate(rt_val a, const char *name, const char *loc);
/* Unpacks a number or raises "'NAME' expects a number, got ...". */
rt_val rt_number_arg(rt_val v, rt_num *n, const char *name, const char *loc);
/* Numbers or strings: -1, 0, 1, or 2 (unordered); else type-error. */
int rt_compare(rt_val a, rt_val b, const char *name, const char *loc);
int rt_cmp_holds(rt_cmp_op op, int c);

/* ---- equal.c -------------------------------------------------------------- */

/* Exact comparison of two numbers: -1, 0, 1, or 2 when unordered (nan). */
int rt_num_cmp(const rt_num *a, const rt_num *b);
/* rt_equal(x, head of cell) without boxing a raw head. */
int rt_equal_head(rt_val x, rt_val cell);

/* ---- errors.c ------------------------------------------------------------ */

/* Error raised from the fault handler: no allocation, static strings. */
_Noreturn void rt_raise_from_signal(const char *kind, const char *message);
/* Print "error[KIND]: MESSAGE\n  at LOC\n" (after flushing stdout). */
void rt_report_error(const char *kind, size_t kind_len, const char *msg, size_t msg_len, const char *loc);
int rt_catching(void);       /* is there an active error:handle? */
void rt_catch_reset(void *saved_top);
void *rt_catch_top_get(void);
/* rt_error taking ownership of a malloc'd message (NULL: out of memory). */
_Noreturn void rt_error_owned(const char *kind, char *message, const char *loc);
/* type-error "expected TYPE, got TYPENAME REPR" (checked unboxing). */
_Noreturn void rt_error_expected(const char *type, rt_val got, const char *loc);
/* type-error "NAME expects N arguments, got M" / "at least N" / "N to M". */
_Noreturn void rt_error_arity_range(const char *name, int64_t min, int64_t max, int64_t got, const char *loc);
/* A message formatted into a malloc'd buffer. */
char *rt_fmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---- run.c ----------------------------------------------------------------- */

/* End the program with `status` after an uncaught error or io:exit: unwinds
 * to rt_run when inside it, otherwise exits the process. */
_Noreturn void rt_terminate(int status);
/* Raises stack-overflow when the current thread is too close to its limit
 * (called before work that needs some stack, e.g. a collection). */
void rt_check_stack(void);
const char *const *rt_get_args(int *argc);

#endif
