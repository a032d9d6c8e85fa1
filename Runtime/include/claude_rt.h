/*
 * claude_rt.h — the whole ABI between compiled ClaudeLang code (AOT and JIT),
 * the bytecode VM and the C runtime.
 *
 * VALUE ENCODING (rt_val, one 64-bit word; the static type `Any` and every
 * reference type — String, List, Fn, Cell, Nil — use it):
 *
 *   w & 1 == 1            fixnum: a 63-bit signed Int, value = (int64_t)w >> 1
 *   w & 7 == 0, w != 0    pointer to a heap (or static) object, 8-byte aligned
 *   RT_NIL   = 0x02       nil
 *   RT_FALSE = 0x04       #f
 *   RT_TRUE  = 0x0C       #t
 *   RT_EMPTY = 0x06       the empty list []
 *   0                     "no value": an uninitialised global or shadow slot;
 *                         never a ClaudeLang value.
 *
 * Ints that do not fit 63 bits are boxed (RT_K_INT objects); Floats are
 * always boxed (RT_K_FLOAT) when held as rt_val. Specialised code keeps Int
 * as a raw int64_t, Float as a raw double and Bool as a raw 0/1.
 *
 * OBJECTS start with an rt_header whose word is a pointer to the object's
 * rt_type descriptor; bit 0 of that word is the GC mark bit (descriptors are
 * aligned). Objects outside the GC heap (string literals, builtin closures)
 * are never marked or freed.
 *
 * GC ROOTS (the collector is precise and never guesses):
 *   1. the shadow stack: compiled code reserves n slots in its prologue
 *        base = rt_shadow_sp; rt_shadow_sp = base + n; base[0..n) = 0;
 *      keeps every live rt_val in its slots across calls that may allocate,
 *      and restores rt_shadow_sp = base before returning or tail-calling.
 *      Slots hold rt_val words only (0 or a ClaudeLang value).
 *   2. root ranges registered with rt_add_roots (globals, the VM's register
 *      file up to its current top).
 *   3. handles: the runtime's own C code pushes the address of a local rt_val
 *      with RT_PUSH_ROOT while it holds it across an allocation.
 *
 * ERRORS: every runtime error goes through rt_error(kind, message, loc).
 * `loc` is a "FILE:LINE:COL" C string (may be NULL when unknown). Uncaught:
 * stdout is flushed, then "error[KIND]: MESSAGE\n  at LOC\n" goes to stderr
 * and the process exits with status 1.
 */
#ifndef CLAUDE_RT_H
#define CLAUDE_RT_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef uint64_t rt_val;

#define RT_NIL   ((rt_val)0x02)
#define RT_FALSE ((rt_val)0x04)
#define RT_TRUE  ((rt_val)0x0C)
#define RT_EMPTY ((rt_val)0x06)

#define RT_FIXNUM_MIN (-(INT64_C(1) << 62))
#define RT_FIXNUM_MAX ((INT64_C(1) << 62) - 1)

static inline int rt_is_fixnum(rt_val v) { return (v & 1) != 0; }
static inline int rt_is_ptr(rt_val v) { return v != 0 && (v & 7) == 0; }
static inline int64_t rt_fixnum_value(rt_val v) { return (int64_t)v >> 1; }
static inline rt_val rt_make_fixnum(int64_t i) { return ((uint64_t)i << 1) | 1; }
static inline rt_val rt_bool(int b) { return b ? RT_TRUE : RT_FALSE; }
static inline int rt_truthy(rt_val v) { return v != RT_NIL && v != RT_FALSE; }

/* ---- object layout -------------------------------------------------- */

enum rt_kind {
    RT_K_STRING = 1,
    RT_K_CONS,      /* list cell: head, tail (both rt_val) */
    RT_K_INT,       /* boxed Int that does not fit a fixnum */
    RT_K_FLOAT,     /* boxed Float */
    RT_K_CLOSURE,   /* function value */
    RT_K_CELL,      /* mutable box for a set!-captured variable */
    RT_K_TUPLE,
    RT_K_ADT,
    RT_K_STATE,     /* state:new cell */
    RT_K_ERROR,     /* error value (error:handle) */
    RT_K_RAWCELL,   /* mutable box whose word is raw (Int/Float/Bool bits), not traced */
};

/* How a field word of a cons cell, tuple or constructor value is held. */
enum rt_repr {
    RT_R_VAL = 0,   /* an rt_val (traced by the GC) */
    RT_R_I64 = 1,   /* a raw int64_t Int */
    RT_R_F64 = 2,   /* a raw double Float */
};

/* A type descriptor. FIELD REPRESENTATIONS: the field words of a cons cell
 * (field 0 = head, field 1 = tail), a tuple (fields[i]) and a constructor
 * value (fields[i]) are rt_val unless the descriptor says otherwise: bit i of
 * `rawmask` set means field i is a raw word the GC does not trace, a double
 * when bit i of `f64mask` is set too, else an int64_t. Fields at index >= 64
 * are always rt_val. Several descriptors may describe one constructor (or
 * one kind) with different field representations; `base` names the one
 * whose fields are all rt_val, and identity (match, ==, printing) uses it. */
typedef struct rt_type {
    uint32_t kind;     /* enum rt_kind */
    uint32_t flags;
    const char *name;  /* "String", "List", "Function", ...; a constructor's name */
    uint32_t nfields;  /* RT_K_ADT: the constructor's field count (rt_adt) */
    uint32_t tag;      /* RT_K_ADT: the constructor's position in its data type */
    uint64_t rawmask;  /* bit i: field i is raw (not traced) */
    uint64_t f64mask;  /* bit i (a subset of rawmask): field i is a double */
    const struct rt_type *base; /* CONS, TUPLE, ADT: the all-rt_val descriptor (itself when rawmask == 0) */
} rt_type;

typedef struct rt_header {
    uintptr_t type;    /* (const rt_type *) | mark bit */
} rt_header;

typedef struct rt_string {
    rt_header h;
    int64_t nbytes;    /* UTF-8 bytes, excluding the trailing NUL */
    int64_t nchars;    /* Unicode scalar values */
    char bytes[];      /* nbytes + 1 (NUL-terminated, for C interop) */
} rt_string;

typedef struct rt_cons {
    rt_header h;
    rt_val head;
    rt_val tail;       /* RT_EMPTY or another cons */
} rt_cons;

typedef struct rt_boxint { rt_header h; int64_t value; } rt_boxint;
typedef struct rt_boxfloat { rt_header h; double value; } rt_boxfloat;
typedef struct rt_cell { rt_header h; uint64_t value; } rt_cell; /* RT_K_CELL: rt_val; RT_K_RAWCELL: raw bits */

/* The boxed entry of a function: arguments and result as rt_val. Builtins'
 * C code, the wrapper codegen emits for every compiled lambda (it unboxes
 * the arguments to the lambda's static types, checked, and boxes the
 * result), and the VM's trampoline all have this type. `self` is the closure. */
typedef rt_val (*rt_generic_fn)(rt_val self, int64_t argc, const rt_val *argv, const char *loc);

/* Static description of one function (one per lambda / builtin). */
typedef struct rt_fninfo {
    rt_generic_fn generic;  /* always set */
    const char *name;       /* NULL for anonymous closures: prints <function> */
    int32_t min_args;       /* arity check done by rt_apply before `generic` */
    int32_t max_args;       /* -1: no maximum (variadic builtins) */
    uint32_t nfree;         /* number of captured words in the closure */
    uint32_t flags;         /* RT_FN_* */
    uint64_t rawmask;       /* bit i set: free[i] is a raw word (not traced) */
} rt_fninfo;
/* `code` is compiled code taking and returning rt_val only (tailcc):
 * generated code may call it directly after checking the arity. */
#define RT_FN_UNIFORM 1u
/* `code` holds a VM function index, not a machine address. */
#define RT_FN_VM 2u
/* a builtin: prints as <function NAME> */
#define RT_FN_BUILTIN 4u

/* A closure. For compiled code, `code` is the function, called as
 *   R code(rt_val self, A1 a1, ..., An an)          (calling convention tailcc)
 * with the argument/result representation of its static type. */
typedef struct rt_closure {
    rt_header h;
    void *code;
    const rt_fninfo *info;
    uint64_t free[];        /* info->nfree words */
} rt_closure;

/* Runtime-provided descriptors. */
extern const rt_type rt_type_string, rt_type_cons, rt_type_int, rt_type_float,
    rt_type_closure, rt_type_cell, rt_type_rawcell;

/* ---- process lifecycle ---------------------------------------------- */

/* Initialise the runtime (GC, signal handlers, io:args). Idempotent. */
void rt_init(int argc, char **argv);
/* Set the program arguments returned by (io:args) (the JIT and VM use it). */
void rt_set_args(int argc, const char *const *argv);
/* Run fn(ctx) on a fresh thread with a large stack (1 GiB reserved, guard
 * page below it); a stack overflow there becomes error[stack-overflow].
 * Returns the exit status: 0 after fn returns normally (stdout flushed),
 * or the status of io:exit / an uncaught error. */
int rt_run(void (*fn)(void *ctx), void *ctx);
/* Flush output and exit. */
_Noreturn void rt_exit(int status);
/* The entry AOT executables use: rt_init, rt_run(entry), exit with its status. */
int rt_main(int argc, char **argv, void (*entry)(void *ctx));

/* ---- memory ---------------------------------------------------------- */

extern rt_val *rt_shadow_sp;           /* next free shadow-stack slot */
extern rt_val *rt_shadow_base;         /* bottom of the shadow stack */
extern rt_val *rt_shadow_limit;        /* top of the shadow stack */
/* Called by generated code when base + n would pass rt_shadow_limit. */
_Noreturn void rt_shadow_overflow(const char *loc);

/* Allocate `size` bytes (header included) for an object of `type`; the
 * header is set, the rest is zeroed. May collect. Never returns NULL. */
void *rt_alloc(const rt_type *type, size_t size);
void rt_add_roots(rt_val *start, size_t count);     /* register a root range */
void rt_remove_roots(rt_val *start);
void rt_gc_collect(void);
/* Handles for the runtime's own C code. */
void rt_push_root(rt_val *slot);
void rt_pop_roots(size_t n);
#define RT_PUSH_ROOT(v) rt_push_root(&(v))

/* VM register file: the VM tells the GC which words are rt_val. The callback
 * is called during marking; it calls rt_gc_mark_val for each live rt_val. */
void rt_set_extra_roots(void (*scan)(void *ctx), void *ctx);
void rt_gc_mark_val(rt_val v);

/* ---- boxing ----------------------------------------------------------- */

rt_val rt_box_int(int64_t i);          /* fixnum or RT_K_INT */
rt_val rt_box_float(double d);
/* Checked unboxing of an Any; raises type-error "expected Int, got String \"x\"". */
int64_t rt_unbox_int(rt_val v, const char *loc);
double rt_unbox_float(rt_val v, const char *loc);   /* Int or Float -> double */
int rt_unbox_bool(rt_val v, const char *loc);       /* must be #t/#f */
/* Checks that v is a value of the given static kind, returns it unchanged. */
rt_val rt_check_string(rt_val v, const char *loc);
rt_val rt_check_list(rt_val v, const char *loc);    /* RT_EMPTY or cons */
rt_val rt_check_function(rt_val v, const char *loc);/* a closure */
rt_val rt_check_nil(rt_val v, const char *loc);     /* RT_NIL */

/* ---- objects ----------------------------------------------------------- */

rt_val rt_string_new(const char *bytes, int64_t nbytes);     /* copies */
const char *rt_string_bytes(rt_val s);
/* LISTS. A cons cell's descriptor is one of three (rt_cons_type): head an
 * rt_val, a raw int64_t or a raw double; the tail is always an rt_val.
 * INVARIANT (every list builder keeps it, C code and compiled code alike):
 * the tail of an i64 cell is [] or an i64 cell, the tail of an f64 cell is []
 * or an f64 cell, and a list whose elements are all Ints (all Floats) is made
 * of i64 (f64) cells only. So one check of the first cell certifies a value
 * as a (List Int) / (List Float), and typed code reads heads raw. */
rt_val rt_cons_new(rt_val head, rt_val tail);   /* picks the cell kind from head and tail */
rt_val rt_cons_new_i64(int64_t head, rt_val tail);  /* tail: [] or an i64 cell */
rt_val rt_cons_new_f64(double head, rt_val tail);   /* tail: [] or an f64 cell */
const rt_type *rt_cons_type(int64_t repr);      /* the cell descriptor for an rt_repr */
/* v is [] or a cell of the given head repr (RT_R_I64 / RT_R_F64), else
 * type-error "expected (List Int), got V" / "(List Float)"; returns v. */
rt_val rt_check_list_repr(rt_val v, int64_t repr, const char *loc);
/* Field i of a cons cell (0 head, 1 tail), tuple or constructor value as an
 * rt_val, boxing a raw field (may allocate). */
rt_val rt_field_get(rt_val obj, int64_t i);
rt_val rt_closure_new(void *code, const rt_fninfo *info);   /* free[] zeroed */
rt_val rt_cell_new(rt_val v);
rt_val rt_rawcell_new(uint64_t bits);

/* ---- errors ------------------------------------------------------------ */

_Noreturn void rt_error(const char *kind, const char *message, const char *loc);
_Noreturn void rt_error_overflow(const char *loc);          /* integer-overflow */
_Noreturn void rt_error_div_zero(const char *loc);          /* division-by-zero */
/* unbound variable 'NAME' (defined at DEFLOC, not yet initialised) */
_Noreturn void rt_error_uninit(const char *name, const char *defloc, const char *loc);
/* type-error "NAME expects N arguments, got M" */
_Noreturn void rt_error_arity(const char *name, int64_t expected, int64_t got, const char *loc);

/* ---- calls ---------------------------------------------------------------- */

/* Call any function value with rt_val arguments: checks it is a function
 * ("not a function: V", type-error) and the argument count ("f expects 2
 * arguments, got 3", type-error; "1 argument" in the singular), then calls
 * info->generic. */
rt_val rt_apply(rt_val f, int64_t argc, const rt_val *argv, const char *loc);
/* For generated code's fast path: if f is a closure with RT_FN_UNIFORM whose
 * min_args == argc, returns its code; otherwise NULL (call rt_apply). */
void *rt_uniform_code(rt_val f, int64_t argc);

/* ---- builtins ------------------------------------------------------------ */

/* Every builtin of the standard library has a C entry of type rt_generic_fn
 * (self is ignored) named `csym`, and a static closure for first-class use.
 * The table maps ClaudeLang names ("+", "string-length", "io:print", ...)
 * to them; the compiler reads it for names and argument counts. */
typedef struct rt_builtin {
    const char *name;
    const char *csym;          /* e.g. "rt_b_string_length" */
    rt_generic_fn fn;
    int32_t min_args;
    int32_t max_args;          /* -1: no maximum */
    rt_val closure;            /* the static closure value for this builtin */
    const char *closure_sym;   /* (added) symbol of that static closure, e.g. "rt_bc_string_length" */
} rt_builtin;
extern const rt_builtin rt_builtins[];
extern const size_t rt_builtin_count;
const rt_builtin *rt_builtin_lookup(const char *name);

/* Printing and comparison helpers used directly by generated code. */
rt_val rt_to_string(rt_val v);                    /* String value, §5 text */
void rt_print_values(int64_t argc, const rt_val *argv); /* print: space-separated + newline */
int rt_equal(rt_val a, rt_val b);                 /* structural == (§4, §14) */
/* Writes the shortest round-trip text of d in §14's layout into buf (>= 32 bytes). */
int rt_format_float(double d, char *buf);
void rt_flush(void);

/* Every symbol compiled code may reference, for the JIT's absolute symbols. */
typedef struct rt_symbol { const char *name; void *address; } rt_symbol;
extern const rt_symbol rt_symbols[];
extern const size_t rt_symbol_count;


/* =====================================================================
 * ADDITIONS by the runtime implementation (below this line).
 * ===================================================================== */

/* ---- more object layouts ------------------------------------------------- */

/* State cells (state:new) use rt_cell with rt_type_state (traced like CELL). */
extern const rt_type rt_type_state, rt_type_error, rt_type_tuple;

/* Tuples (RT_K_TUPLE): n fields, rt_val unless the descriptor says a field
 * is raw (compiled code makes tuples with raw Int/Float items under its own
 * descriptors, whose base is rt_type_tuple; the runtime's own tuples are
 * all rt_val, under rt_type_tuple).
 * Printing: `(tuple 1 "a")`. */
typedef struct rt_record {
    rt_header h;
    int64_t n;
    rt_val fields[];
} rt_record;
rt_val rt_record_new(const rt_type *type, int64_t n);      /* fields zeroed */
rt_val rt_tuple_new(int64_t n, const rt_val *items);        /* copies items */

/* Values of data types (RT_K_ADT): descriptors emitted by the compiler, with
 * the constructor's name, field count (`nfields`) and tag; the fields follow
 * the header. A constructor has its all-rt_val descriptor (its `base`) and
 * may have others with raw fields (a Float field built by typed code). Printing: `(Some 1)`, `None` at
 * top level and `(None)` nested. Equality: same base descriptor (or the same
 * name) and equal fields. */
typedef struct rt_adt {
    rt_header h;
    rt_val fields[];
} rt_adt;
rt_val rt_adt_new(const rt_type *ctor);                     /* fields zeroed */

/* Error values (RT_K_ERROR): what an error:handle handler receives. */
typedef struct rt_errval {
    rt_header h;
    rt_val kind;      /* String */
    rt_val message;   /* String */
} rt_errval;
rt_val rt_error_value_new(rt_val kind, rt_val message);

/* ---- catching errors --------------------------------------------------- */

/* Calls thunk with no arguments; if it raises (any runtime error, including
 * stack-overflow), unwinds (restoring rt_shadow_sp and the handle stack) and
 * returns handler(err) instead, err being an RT_K_ERROR value. */
rt_val rt_handle(rt_val thunk, rt_val handler, const char *loc);
/* Raise an error value (error:raise); uncaught it prints like rt_error. */
_Noreturn void rt_raise(rt_val err, const char *loc);
/* type-error "'NAME' expects EXPECTED, got TYPE REPR", EXPECTED being e.g.
 * "a number", "a String", "an Int"; REPR is the in-container rendering. */
_Noreturn void rt_error_type(const char *name, const char *expected, rt_val got, const char *loc);
/* Optional: the innermost location known, used for a stack overflow caught
 * by the fault handler (where no loc is passed). Generated code or the VM
 * may keep it updated; NULL prints no "  at" line. */
extern const char *rt_loc_hint;

/* ---- generic arithmetic for `Any` operands (no argv needed) ------------- */
/* Same semantics and messages as the builtins + - * / mod quot rem. */
rt_val rt_add2(rt_val a, rt_val b, const char *loc);
rt_val rt_sub2(rt_val a, rt_val b, const char *loc);
rt_val rt_mul2(rt_val a, rt_val b, const char *loc);
rt_val rt_div2(rt_val a, rt_val b, const char *loc);
rt_val rt_mod2(rt_val a, rt_val b, const char *loc);
rt_val rt_quot2(rt_val a, rt_val b, const char *loc);
rt_val rt_rem2(rt_val a, rt_val b, const char *loc);
rt_val rt_neg1(rt_val a, const char *loc);
/* Comparisons (both numbers or both strings, else type-error): 0 or 1. */
int rt_lt2(rt_val a, rt_val b, const char *loc);
int rt_le2(rt_val a, rt_val b, const char *loc);
int rt_gt2(rt_val a, rt_val b, const char *loc);
int rt_ge2(rt_val a, rt_val b, const char *loc);
/* Raw Int/Float helpers with the language's semantics. */
int64_t rt_int_div(int64_t a, int64_t b, const char *loc);   /* floor; /0 and MIN/-1 raise */
int64_t rt_int_mod(int64_t a, int64_t b, const char *loc);   /* floor mod; MIN mod -1 = 0 */
int64_t rt_int_quot(int64_t a, int64_t b, const char *loc);  /* truncating */
int64_t rt_int_rem(int64_t a, int64_t b, const char *loc);
double rt_float_mod(double a, double b);                     /* floor mod (sign of b), IEEE */

/* Math constants (the values of `pi` and `e`). */
extern const double rt_pi, rt_e;

/* ---- importable tables ---------------------------------------------------- */
/* Swift cannot import rt_symbols[] / rt_builtins[] (arrays of unknown size)
 * nor take the address of a _Noreturn function or of a C constant: these
 * return the tables (whose addresses are the real ones) and their length. */
const rt_symbol *rt_symbol_table(size_t *count);
const rt_builtin *rt_builtin_table(size_t *count);

/* ---- GC control and statistics (tests, tools) ---------------------------- */
void rt_gc_set_stress(int on);     /* collect at every allocation (CLAUDE_GC_STRESS=1) */
typedef struct rt_gc_stats {
    uint64_t collections;
    uint64_t allocated_bytes;      /* total since start */
    uint64_t heap_bytes;           /* bytes in objects now (live + not yet collected) */
    uint64_t live_bytes;           /* after the last collection */
    uint64_t peak_heap_bytes;
    double total_pause_ms, max_pause_ms;
} rt_gc_stats;
void rt_gc_get_stats(rt_gc_stats *out);

#ifdef __cplusplus
}
#endif
#endif
