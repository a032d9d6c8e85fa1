/* arith.c — the language's arithmetic (§12, §14) on raw and boxed numbers. */
#include "rt_internal.h"
#include <math.h>

const double rt_pi = 3.14159265358979323846;
const double rt_e = 2.71828182845904523536;

/* ---- raw Int / Float ----------------------------------------------------------------- */

int64_t rt_int_div(int64_t a, int64_t b, const char *loc) {
    if (b == 0) rt_error_div_zero(loc);
    if (b == -1) {
        if (a == INT64_MIN) rt_error_overflow(loc);
        return -a;
    }
    int64_t q = a / b;
    if (a % b != 0 && (a < 0) != (b < 0)) q--;
    return q;
}

int64_t rt_int_mod(int64_t a, int64_t b, const char *loc) {
    if (b == 0) rt_error_div_zero(loc);
    if (b == -1) return 0;
    int64_t r = a % b;
    if (r != 0 && (r < 0) != (b < 0)) r += b;
    return r;
}

int64_t rt_int_quot(int64_t a, int64_t b, const char *loc) {
    if (b == 0) rt_error_div_zero(loc);
    if (b == -1) {
        if (a == INT64_MIN) rt_error_overflow(loc);
        return -a;
    }
    return a / b;
}

int64_t rt_int_rem(int64_t a, int64_t b, const char *loc) {
    if (b == 0) rt_error_div_zero(loc);
    return b == -1 ? 0 : a % b;
}

double rt_float_mod(double a, double b) {
    double r = fmod(a, b);
    if (r != 0) {
        if ((r < 0) != (b < 0)) r += b;
    } else {
        r = copysign(0.0, b);
    }
    return r;
}

/* ---- boxed operands ------------------------------------------------------------------- */

static const char *const op_names[] = {"+", "-", "*", "/", "mod", "quot", "rem"};

static int64_t int_op(rt_arith_op op, int64_t a, int64_t b, const char *loc) {
    int64_t r;
    switch (op) {
    case RT_OP_ADD: if (__builtin_add_overflow(a, b, &r)) rt_error_overflow(loc); return r;
    case RT_OP_SUB: if (__builtin_sub_overflow(a, b, &r)) rt_error_overflow(loc); return r;
    case RT_OP_MUL: if (__builtin_mul_overflow(a, b, &r)) rt_error_overflow(loc); return r;
    case RT_OP_DIV: return rt_int_div(a, b, loc);
    case RT_OP_MOD: return rt_int_mod(a, b, loc);
    case RT_OP_QUOT: return rt_int_quot(a, b, loc);
    case RT_OP_REM: return rt_int_rem(a, b, loc);
    }
    return 0;
}

static double float_op(rt_arith_op op, double a, double b) {
    switch (op) {
    case RT_OP_ADD: return a + b;
    case RT_OP_SUB: return a - b;
    case RT_OP_MUL: return a * b;
    case RT_OP_DIV: return a / b;
    case RT_OP_MOD: return rt_float_mod(a, b);
    case RT_OP_QUOT: return trunc(a / b);
    case RT_OP_REM: return fmod(a, b);
    }
    return 0;
}

rt_val rt_number_arg(rt_val v, rt_num *n, const char *name, const char *loc) {
    if (RT_UNLIKELY(!rt_get_num(v, n))) rt_error_type(name, "a number", v, loc);
    return v;
}

rt_val rt_arith(rt_arith_op op, rt_val a, rt_val b, const char *name, const char *loc) {
    rt_num x, y;
    if (!name) name = op_names[op];
    rt_number_arg(a, &x, name, loc);
    rt_number_arg(b, &y, name, loc);
    if (!x.is_float && !y.is_float) return rt_box_int(int_op(op, x.i, y.i, loc));
    return rt_box_float(float_op(op, rt_num_as_double(&x), rt_num_as_double(&y)));
}

/* Two fixnums' sum or difference always fits an int64. */
rt_val rt_add2(rt_val a, rt_val b, const char *loc) {
    if (RT_LIKELY(rt_is_fixnum(a & b))) return rt_box_int(rt_fixnum_value(a) + rt_fixnum_value(b));
    return rt_arith(RT_OP_ADD, a, b, NULL, loc);
}

rt_val rt_sub2(rt_val a, rt_val b, const char *loc) {
    if (RT_LIKELY(rt_is_fixnum(a & b))) return rt_box_int(rt_fixnum_value(a) - rt_fixnum_value(b));
    return rt_arith(RT_OP_SUB, a, b, NULL, loc);
}

rt_val rt_mul2(rt_val a, rt_val b, const char *loc) { return rt_arith(RT_OP_MUL, a, b, NULL, loc); }
rt_val rt_div2(rt_val a, rt_val b, const char *loc) { return rt_arith(RT_OP_DIV, a, b, NULL, loc); }
rt_val rt_mod2(rt_val a, rt_val b, const char *loc) { return rt_arith(RT_OP_MOD, a, b, NULL, loc); }
rt_val rt_quot2(rt_val a, rt_val b, const char *loc) { return rt_arith(RT_OP_QUOT, a, b, NULL, loc); }
rt_val rt_rem2(rt_val a, rt_val b, const char *loc) { return rt_arith(RT_OP_REM, a, b, NULL, loc); }

rt_val rt_negate(rt_val a, const char *name, const char *loc) {
    rt_num x;
    rt_number_arg(a, &x, name, loc);
    if (x.is_float) return rt_box_float(-x.f);
    if (x.i == INT64_MIN) rt_error_overflow(loc);
    return rt_box_int(-x.i);
}

rt_val rt_neg1(rt_val a, const char *loc) { return rt_negate(a, "-", loc); }

/* ---- comparison ----------------------------------------------------------------------- */

int rt_compare(rt_val a, rt_val b, const char *name, const char *loc) {
    rt_num x, y;
    if (rt_get_num(a, &x)) {
        rt_number_arg(b, &y, name, loc);
        return rt_num_cmp(&x, &y);
    }
    if (rt_is_string(a)) {
        if (!rt_is_string(b)) rt_error_type(name, "a String", b, loc);
        const rt_string *s = RT_STR(a), *t = RT_STR(b);
        int64_t n = s->nbytes < t->nbytes ? s->nbytes : t->nbytes;
        int c = memcmp(s->bytes, t->bytes, (size_t)n);   /* UTF-8 byte order = code point order */
        if (c) return c < 0 ? -1 : 1;
        return (s->nbytes > t->nbytes) - (s->nbytes < t->nbytes);
    }
    rt_error_type(name, "a number or a String", a, loc);
}

int rt_cmp_holds(rt_cmp_op op, int c) {
    switch (op) {
    case RT_CMP_LT: return c == -1;
    case RT_CMP_LE: return c == -1 || c == 0;
    case RT_CMP_GT: return c == 1;
    case RT_CMP_GE: return c == 1 || c == 0;
    }
    return 0;
}

int rt_lt2(rt_val a, rt_val b, const char *loc) { return rt_cmp_holds(RT_CMP_LT, rt_compare(a, b, "<", loc)); }
int rt_le2(rt_val a, rt_val b, const char *loc) { return rt_cmp_holds(RT_CMP_LE, rt_compare(a, b, "<=", loc)); }
int rt_gt2(rt_val a, rt_val b, const char *loc) { return rt_cmp_holds(RT_CMP_GT, rt_compare(a, b, ">", loc)); }
int rt_ge2(rt_val a, rt_val b, const char *loc) { return rt_cmp_holds(RT_CMP_GE, rt_compare(a, b, ">=", loc)); }
