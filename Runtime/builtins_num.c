/* builtins_num.c — arithmetic, comparison and the Numbers line of §13. */
#include "rt_internal.h"
#include <math.h>

/* ---- + - * / mod quot rem ---------------------------------------------------------- */

/* Left fold; a single operand is returned as is (after its type check). */
static rt_val fold(rt_arith_op op, int64_t argc, const rt_val *argv, const char *name, const char *loc) {
    rt_num n;
    rt_val acc = rt_number_arg(argv[0], &n, name, loc);
    for (int64_t i = 1; i < argc; i++) acc = rt_arith(op, acc, argv[i], name, loc);
    return acc;
}

RT_BUILTIN(add) { return argc ? fold(RT_OP_ADD, argc, argv, "+", loc) : rt_make_fixnum(0); }
RT_BUILTIN(mul) { return argc ? fold(RT_OP_MUL, argc, argv, "*", loc) : rt_make_fixnum(1); }
RT_BUILTIN(sub) { return argc == 1 ? rt_negate(argv[0], "-", loc) : fold(RT_OP_SUB, argc, argv, "-", loc); }

RT_BUILTIN(div) {
    if (argc == 1) return rt_arith(RT_OP_DIV, rt_make_fixnum(1), argv[0], "/", loc);
    return fold(RT_OP_DIV, argc, argv, "/", loc);
}

RT_BUILTIN(mod) { return rt_arith(RT_OP_MOD, argv[0], argv[1], NULL, loc); }
RT_BUILTIN(quot) { return rt_arith(RT_OP_QUOT, argv[0], argv[1], NULL, loc); }
RT_BUILTIN(rem) { return rt_arith(RT_OP_REM, argv[0], argv[1], NULL, loc); }

/* ---- < > <= >= : every adjacent pair, every argument type-checked ---------------------- */

static rt_val chain(rt_cmp_op op, int64_t argc, const rt_val *argv, const char *name, const char *loc) {
    int ok = 1;
    for (int64_t i = 1; i < argc; i++) ok &= rt_cmp_holds(op, rt_compare(argv[i - 1], argv[i], name, loc));
    return rt_bool(ok);
}

RT_BUILTIN(lt) { return chain(RT_CMP_LT, argc, argv, "<", loc); }
RT_BUILTIN(gt) { return chain(RT_CMP_GT, argc, argv, ">", loc); }
RT_BUILTIN(le) { return chain(RT_CMP_LE, argc, argv, "<=", loc); }
RT_BUILTIN(ge) { return chain(RT_CMP_GE, argc, argv, ">=", loc); }

/* ---- the Numbers line ---------------------------------------------------------------------- */

static double float_arg(rt_val v, const char *name, const char *loc) {
    rt_num n;
    rt_number_arg(v, &n, name, loc);
    return rt_num_as_double(&n);
}

RT_BUILTIN(neg) { return rt_negate(argv[0], "neg", loc); }
RT_BUILTIN(inc) { return rt_arith(RT_OP_ADD, argv[0], rt_make_fixnum(1), "inc", loc); }
RT_BUILTIN(dec) { return rt_arith(RT_OP_SUB, argv[0], rt_make_fixnum(1), "dec", loc); }

RT_BUILTIN(abs) {
    rt_num n;
    rt_number_arg(argv[0], &n, "abs", loc);
    if (n.is_float) return rt_box_float(fabs(n.f));
    return n.i < 0 ? rt_negate(argv[0], "abs", loc) : argv[0];
}

/* min/max: the extreme argument, as a Float when any argument is a Float. */
static rt_val extreme(int want, int64_t argc, const rt_val *argv, const char *name, const char *loc) {
    rt_num best, n;
    int64_t at = 0;
    rt_number_arg(argv[0], &best, name, loc);
    int any_float = best.is_float;
    for (int64_t i = 1; i < argc; i++) {
        rt_number_arg(argv[i], &n, name, loc);
        any_float |= n.is_float;
        if (rt_num_cmp(&n, &best) == want) {
            best = n;
            at = i;
        }
    }
    return any_float && !best.is_float ? rt_box_float((double)best.i) : argv[at];
}

RT_BUILTIN(min) { return extreme(-1, argc, argv, "min", loc); }
RT_BUILTIN(max) { return extreme(1, argc, argv, "max", loc); }

#define MATH1(id, name, fn) \
    RT_BUILTIN(id) { return rt_box_float(fn(float_arg(argv[0], name, loc))); }
MATH1(sqrt, "sqrt", sqrt)
MATH1(exp, "exp", exp)
MATH1(sin, "sin", sin)
MATH1(cos, "cos", cos)
MATH1(tan, "tan", tan)

RT_BUILTIN(log) {
    double x = log(float_arg(argv[0], "log", loc));
    return rt_box_float(argc == 2 ? x / log(float_arg(argv[1], "log", loc)) : x);
}

RT_BUILTIN(atan) {
    double y = float_arg(argv[0], "atan", loc);
    return rt_box_float(argc == 2 ? atan2(y, float_arg(argv[1], "atan", loc)) : atan(y));
}

RT_BUILTIN(atan2) { return rt_box_float(atan2(float_arg(argv[0], "atan2", loc), float_arg(argv[1], "atan2", loc))); }
RT_BUILTIN(pow) { return rt_box_float(pow(float_arg(argv[0], "pow", loc), float_arg(argv[1], "pow", loc))); }

/* Rounding: an Int comes back unchanged, a Float stays a Float. */
#define ROUNDING(id, name, fn) \
    RT_BUILTIN(id) { \
        rt_num n; \
        rt_number_arg(argv[0], &n, name, loc); \
        return n.is_float ? rt_box_float(fn(n.f)) : argv[0]; \
    }
ROUNDING(floor, "floor", floor)
ROUNDING(ceil, "ceil", ceil)
ROUNDING(round, "round", nearbyint)     /* half to even in the default rounding mode */
ROUNDING(truncate, "truncate", trunc)

RT_BUILTIN(to_int) {
    rt_num n;
    rt_number_arg(argv[0], &n, "to-int", loc);
    if (!n.is_float) return argv[0];
    if (isnan(n.f)) rt_error_type("to-int", "a number other than nan", argv[0], loc);
    double t = trunc(n.f);
    if (!(t >= -9223372036854775808.0 && t < 9223372036854775808.0)) rt_error_overflow(loc);
    return rt_box_int((int64_t)t);
}

RT_BUILTIN(to_float) {
    rt_num n;
    rt_number_arg(argv[0], &n, "to-float", loc);
    return n.is_float ? argv[0] : rt_box_float((double)n.i);
}

/* ---- gcd / lcm on magnitudes, checked ------------------------------------------------------ */

static uint64_t magnitude(int64_t a) { return a < 0 ? -(uint64_t)a : (uint64_t)a; }

static uint64_t ugcd(uint64_t a, uint64_t b) {
    while (b) {
        uint64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

static rt_val checked_int(uint64_t u, const char *loc) {
    if (u > (uint64_t)INT64_MAX) rt_error_overflow(loc);
    return rt_box_int((int64_t)u);
}

RT_BUILTIN(gcd) {
    uint64_t g = 0;
    for (int64_t i = 0; i < argc; i++) g = ugcd(g, magnitude(rt_int_arg(argv[i], "gcd", loc)));
    return checked_int(g, loc);
}

RT_BUILTIN(lcm) {
    uint64_t l = 1;
    for (int64_t i = 0; i < argc; i++) {
        uint64_t m = magnitude(rt_int_arg(argv[i], "lcm", loc));
        if (l == 0 || m == 0) {
            l = 0;
        } else if (__builtin_mul_overflow(l / ugcd(l, m), m, &l) || l > (uint64_t)INT64_MAX) {
            rt_error_overflow(loc);
        }
    }
    return checked_int(l, loc);
}

/* ---- number predicates ------------------------------------------------------------------------ */

RT_BUILTIN(even_p) { return rt_bool(rt_int_arg(argv[0], "even?", loc) % 2 == 0); }
RT_BUILTIN(odd_p) { return rt_bool(rt_int_arg(argv[0], "odd?", loc) % 2 != 0); }

/* -1, 0, 1, or 2 for nan. */
static int sign_of(rt_val v, const char *name, const char *loc) {
    rt_num n, zero = {0, 0, 0};
    rt_number_arg(v, &n, name, loc);
    return rt_num_cmp(&n, &zero);
}

RT_BUILTIN(zero_p) { return rt_bool(sign_of(argv[0], "zero?", loc) == 0); }
RT_BUILTIN(positive_p) { return rt_bool(sign_of(argv[0], "positive?", loc) == 1); }
RT_BUILTIN(negative_p) { return rt_bool(sign_of(argv[0], "negative?", loc) == -1); }
