/* rt_test.c — C-level tests of the runtime, built by Runtime/tests/run.sh:
 *   cc -DRT_TEST_MAIN -IRuntime/include Runtime/[all .c files] Runtime/tests/rt_test.c -lm -lpthread
 * `rt_test unit` runs the in-process suite; the other modes exercise
 * process-level behaviour (exit status, stderr) that run.sh checks.
 * (The guard keeps this file empty when SwiftPM compiles the Runtime target.) */
#ifdef RT_TEST_MAIN
#include "../rt_internal.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

static int failures, checks;
#define CHECK(c) do { checks++; if (!(c)) { failures++; fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #c); } } while (0)
#define CHECK_SHOW(v, expected) check_show(__LINE__, (v), (expected))

static const char *LOC = "t.cl:1:2";

/* The top-level rendering of v (print's text), in a static buffer. */
static const char *show(rt_val v) {
    static rt_sbuf b;
    b.len = 0;
    rt_render(&b, v, 0);
    rt_sbuf_putc(&b, 0);
    return b.p;
}

static void check_show(int line, rt_val v, const char *expected) {
    checks++;
    const char *got = show(v);
    if (strcmp(got, expected) != 0) {
        failures++;
        fprintf(stderr, "rt_test.c:%d: expected <%s>, got <%s>\n", line, expected, got);
    }
}

static rt_val B(const char *name) {
    const rt_builtin *b = rt_builtin_lookup(name);
    if (!b) { fprintf(stderr, "no builtin %s\n", name); exit(2); }
    return b->closure;
}

/* Every value a test creates stays rooted for a while (a ring of recent
 * values registered as a root range), so test code need not root
 * temporaries even under GC stress. */
#define KEEP 4096
static rt_val keep[KEEP];
static size_t nkeep;
static rt_val K(rt_val v) {
    if (nkeep == 0) rt_add_roots(keep, KEEP);
    keep[nkeep++ % KEEP] = v;
    return v;
}

static rt_val I(int64_t i) { return K(rt_box_int(i)); }
static rt_val F(double d) { return K(rt_box_float(d)); }
static rt_val S(const char *s) { return K(rt_cstring(s)); }

/* ---- calling through error:handle ------------------------------------------------- */

static rt_val thunk_generic(rt_val self, int64_t argc, const rt_val *argv, const char *loc) {
    (void)argc; (void)argv; (void)loc;
    rt_closure *c = RT_CLO(self);
    return rt_apply(c->free[0], c->info->nfree - 1, (const rt_val *)&c->free[1], LOC);
}

static rt_val identity_generic(rt_val self, int64_t argc, const rt_val *argv, const char *loc) {
    (void)self; (void)argc; (void)loc;
    return argv[0];
}
static const rt_fninfo identity_info = {identity_generic, "identity", 1, 1, 0, 0, 0};

/* A closure (lambda () (f args...)). */
static rt_val make_thunk(rt_val f, int n, const rt_val *args) {
    rt_fninfo *info = calloc(1, sizeof *info);
    *info = (rt_fninfo){thunk_generic, NULL, 0, 0, (uint32_t)n + 1, 0, 0};
    rt_val *sp = rt_shadow_sp;          /* keep f and args alive while allocating */
    sp[0] = f;
    if (n) memcpy(sp + 1, args, (size_t)n * 8);
    rt_shadow_sp = sp + n + 1;
    rt_val c = rt_closure_new((void *)thunk_generic, info);
    memcpy(RT_CLO(c)->free, sp, (size_t)(n + 1) * 8);
    rt_shadow_sp = sp;
    return K(c);
}

/* (error:handle (lambda () (f args...)) identity): the result or the error value. */
static rt_val call(rt_val f, int n, const rt_val *args) {
    rt_val thunk = make_thunk(f, n, args);
    rt_val handler = K(rt_closure_new((void *)identity_generic, &identity_info));
    rt_val *sp = rt_shadow_sp;
    sp[0] = thunk;
    sp[1] = handler;
    rt_shadow_sp = sp + 2;
    rt_val r = rt_handle(sp[0], sp[1], LOC);
    rt_shadow_sp = sp;
    return K(r);
}
#define CALL(name, ...) call(B(name), sizeof((rt_val[]){__VA_ARGS__}) / 8, (rt_val[]){__VA_ARGS__})
#define CALL0(name) call(B(name), 0, NULL)

/* ---- tests ---------------------------------------------------------------------------- */

static void test_floats(void) {
    /* expected texts are Python's repr */
    static const struct { double d; const char *text; } cases[] = {
        {3.0, "3.0"}, {0.1, "0.1"}, {123.5, "123.5"}, {0.0001, "0.0001"}, {1e-5, "1e-05"},
        {1e16, "1e+16"}, {1e15, "1000000000000000.0"}, {1.5e100, "1.5e+100"}, {1e100, "1e+100"},
        {-0.0, "-0.0"}, {0.0, "0.0"}, {-2.5, "-2.5"}, {1.0 / 3, "0.3333333333333333"},
        {2.0 / 3, "0.6666666666666666"}, {5e-324, "5e-324"}, {1.7976931348623157e308, "1.7976931348623157e+308"},
        {123456789012345678.0, "1.2345678901234568e+17"}, {9007199254740993.0, "9007199254740992.0"},
        {0.30000000000000004, "0.30000000000000004"}, {100.0, "100.0"}, {1e22, "1e+22"},
        {2.2250738585072014e-308, "2.2250738585072014e-308"}, {0.00012345, "0.00012345"},
        {1234.5678, "1234.5678"}, {-1e-7, "-1e-07"},
    };
    char buf[40];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        rt_format_float(cases[i].d, buf);
        checks++;
        if (strcmp(buf, cases[i].text) != 0) {
            failures++;
            fprintf(stderr, "float %.17g: expected %s, got %s\n", cases[i].d, cases[i].text, buf);
        }
    }
    CHECK_SHOW(F(INFINITY), "inf");
    CHECK_SHOW(F(-INFINITY), "-inf");
    CHECK_SHOW(F(NAN), "nan");
}

/* Lines "hexbits repr" from Python on stdin-file: exhaustive comparison. */
static void test_floats_file(const char *path) {
    FILE *f = fopen(path, "r");
    if (!f) return;
    char line[128], buf[40];
    unsigned long long bits;
    char expected[64];
    int n = 0, bad = 0;
    while (fgets(line, sizeof line, f)) {
        if (sscanf(line, "%llx %63s", &bits, expected) != 2) continue;
        double d;
        memcpy(&d, &bits, 8);
        rt_format_float(d, buf);
        n++;
        if (strcmp(buf, expected) != 0 && bad++ < 10) fprintf(stderr, "float %s: got %s\n", expected, buf);
    }
    fclose(f);
    checks++;
    if (bad) failures++;
    printf("float corpus: %d values, %d mismatches\n", n, bad);
}

static void test_printing(void) {
    CHECK_SHOW(I(42), "42");
    CHECK_SHOW(I(-7), "-7");
    CHECK_SHOW(I(INT64_MIN), "-9223372036854775808");
    CHECK_SHOW(I(INT64_MAX), "9223372036854775807");
    CHECK_SHOW(RT_TRUE, "#t");
    CHECK_SHOW(RT_FALSE, "#f");
    CHECK_SHOW(RT_NIL, "nil");
    CHECK_SHOW(RT_EMPTY, "[]");
    CHECK_SHOW(S("a\nb"), "a\nb");
    CHECK_SHOW(CALL("list", I(1), I(2), I(3)), "[1 2 3]");
    CHECK_SHOW(CALL("list", S("a"), S("b")), "[\"a\" \"b\"]");
    CHECK_SHOW(CALL("list", S("q\"\\\n\t\r"), S("\x01\x1f\x7f"), S("é😀")),
               "[\"q\\\"\\\\\\n\\t\\r\" \"\\u{01}\\u{1F}\\u{7F}\" \"é😀\"]");
    rt_val nul = K(rt_string_new("a\0b", 3));
    CHECK_SHOW(CALL("list", nul), "[\"a\\0b\"]");
    CHECK_SHOW(CALL("list", CALL("list", I(1), F(2.5)), RT_EMPTY, RT_NIL, RT_TRUE), "[[1 2.5] [] nil #t]");
    CHECK_SHOW(B("+"), "<function +>");
    CHECK_SHOW(B("string-length"), "<function string-length>");
    CHECK_SHOW(CALL("list", B("head")), "[<function head>]");
    CHECK_SHOW(CALL("tuple", I(1), S("a")), "(tuple 1 \"a\")");
    CHECK_SHOW(CALL("state:new", I(1)), "<state>");
    CHECK_SHOW(CALL("to-string", CALL("list", I(1), S("x"))), "[1 \"x\"]");
    CHECK(CALL("to-string", S("abc")) != 0);
    /* ADT records: a nullary constructor is bare at top level, parenthesised inside */
    static const rt_type some = {.kind = RT_K_ADT, .name = "Some", .nfields = 1, .tag = 1, .base = &some},
                         none = {.kind = RT_K_ADT, .name = "None", .nfields = 0, .tag = 0, .base = &none};
    rt_val n0 = K(rt_adt_new(&none));
    CHECK_SHOW(n0, "None");
    rt_val s1 = K(rt_adt_new(&some));
    RT_ADT(s1)->fields[0] = n0;
    CHECK_SHOW(s1, "(Some (None))");
    CHECK_SHOW(CALL("list", n0, s1), "[(None) (Some (None))]");
    rt_val e = K(rt_error_value_new(S("my-kind"), S("my message")));
    CHECK_SHOW(e, "<error my-kind: my message>");
}

static void test_equality(void) {
    CHECK(rt_equal(I(1), F(1.0)));
    CHECK(!rt_equal(I(1), S("1")));
    CHECK(!rt_equal(I(9007199254740993), F(9007199254740992.0)));
    CHECK(rt_equal(I(9007199254740992), F(9007199254740992.0)));
    CHECK(!rt_equal(F(NAN), F(NAN)));
    rt_val nan = F(NAN);
    CHECK(!rt_equal(nan, nan));
    rt_val l = CALL("list", nan);
    CHECK(!rt_equal(l, l));
    CHECK(rt_equal(F(-0.0), F(0.0)));
    CHECK(rt_equal(F(-0.0), I(0)));
    CHECK(!rt_equal(RT_NIL, RT_EMPTY));
    CHECK(rt_equal(S("abc"), S("abc")));
    CHECK(!rt_equal(S("abc"), S("abd")));
    CHECK(rt_equal(CALL("list", I(1), S("a")), CALL("list", F(1.0), S("a"))));
    CHECK(!rt_equal(CALL("list", I(1)), CALL("list", I(1), I(2))));
    CHECK(rt_equal(B("+"), B("+")));
    CHECK(!rt_equal(B("+"), B("-")));
    CHECK(!rt_equal(I(INT64_MAX), F(9223372036854775808.0)));
    CHECK(rt_equal(I(INT64_MIN), F(-9223372036854775808.0)));
    CHECK(rt_equal(CALL("tuple", I(1), S("a")), CALL("tuple", I(1), S("a"))));
    CHECK_SHOW(CALL("==", I(1), I(1), F(1.0)), "#t");
    CHECK_SHOW(CALL("==", I(1), I(1), I(2)), "#f");
    CHECK_SHOW(CALL("!=", I(1), I(2)), "#t");
    CHECK_SHOW(CALL("not=", I(1), I(1)), "#f");
    CHECK_SHOW(CALL("=", RT_NIL, RT_EMPTY), "#f");
    CHECK_SHOW(CALL("not", RT_NIL), "#t");
    CHECK_SHOW(CALL("not", I(0)), "#f");
}

static void test_arithmetic(void) {
    CHECK_SHOW(CALL0("+"), "0");
    CHECK_SHOW(CALL0("*"), "1");
    CHECK_SHOW(CALL("+", I(5)), "5");
    CHECK_SHOW(CALL("+", I(1), I(2), I(3)), "6");
    CHECK_SHOW(CALL("+", I(1), F(2.5)), "3.5");
    CHECK_SHOW(CALL("-", I(5)), "-5");
    CHECK_SHOW(CALL("-", F(0.0)), "-0.0");
    CHECK_SHOW(CALL("-", I(10), I(3), I(2)), "5");
    CHECK_SHOW(CALL("/", I(7), I(2)), "3");
    CHECK_SHOW(CALL("/", I(-7), I(2)), "-4");
    CHECK_SHOW(CALL("/", I(7), F(2.0)), "3.5");
    CHECK_SHOW(CALL("/", I(2)), "0");
    CHECK_SHOW(CALL("/", F(2.0)), "0.5");
    CHECK_SHOW(CALL("/", I(100), I(2), I(5)), "10");
    CHECK_SHOW(CALL("/", F(1.0), I(0)), "inf");
    CHECK_SHOW(CALL("/", I(0), F(0.0)), "nan");
    CHECK_SHOW(CALL("/", I(1), I(0)), "<error division-by-zero: division by zero>");
    CHECK_SHOW(CALL("mod", I(7), I(0)), "<error division-by-zero: division by zero>");
    CHECK_SHOW(CALL("/", I(INT64_MIN), I(-1)), "<error integer-overflow: integer overflow>");
    CHECK_SHOW(CALL("quot", I(INT64_MIN), I(-1)), "<error integer-overflow: integer overflow>");
    CHECK_SHOW(CALL("mod", I(INT64_MIN), I(-1)), "0");
    CHECK_SHOW(CALL("rem", I(INT64_MIN), I(-1)), "0");
    CHECK_SHOW(CALL("mod", I(-7), I(2)), "1");
    CHECK_SHOW(CALL("mod", I(7), I(-2)), "-1");
    CHECK_SHOW(CALL("rem", I(-7), I(2)), "-1");
    CHECK_SHOW(CALL("quot", I(-7), I(2)), "-3");
    CHECK_SHOW(CALL("mod", F(-7.5), I(2)), "0.5");
    CHECK_SHOW(CALL("mod", F(5.0), I(0)), "nan");
    CHECK_SHOW(CALL("+", I(INT64_MAX), I(1)), "<error integer-overflow: integer overflow>");
    CHECK_SHOW(CALL("*", I(INT64_MAX / 2 + 1), I(2)), "<error integer-overflow: integer overflow>");
    CHECK_SHOW(CALL("-", I(INT64_MIN)), "<error integer-overflow: integer overflow>");
    CHECK_SHOW(CALL("+", I(RT_FIXNUM_MAX), I(1)), "4611686018427387904");
    CHECK_SHOW(CALL("+", I(1), S("three")), "<error type-error: '+' expects a number, got String \"three\">");
    CHECK_SHOW(CALL("*", RT_NIL, I(1)), "<error type-error: '*' expects a number, got Nil nil>");
    CHECK_SHOW(CALL("-", CALL("list", I(1), I(2)), I(1)), "<error type-error: '-' expects a number, got List [1 2]>");
    CHECK_SHOW(CALL("+", S("a")), "<error type-error: '+' expects a number, got String \"a\">");
    /* generic helpers */
    CHECK_SHOW(rt_add2(I(2), F(0.5), LOC), "2.5");
    CHECK(rt_lt2(I(1), F(1.5), LOC));
    CHECK(!rt_lt2(F(NAN), I(1), LOC));
    CHECK(rt_ge2(S("b"), S("a"), LOC));
}

static void test_comparisons(void) {
    CHECK_SHOW(CALL("<", I(1), I(2), I(3)), "#t");
    CHECK_SHOW(CALL("<", I(1), I(3), I(2)), "#f");
    CHECK_SHOW(CALL("<=", I(1), F(1.0), I(2)), "#t");
    CHECK_SHOW(CALL(">", F(2.5), I(2)), "#t");
    CHECK_SHOW(CALL(">=", I(9007199254740993), F(9007199254740992.0)), "#t");
    CHECK_SHOW(CALL(">", I(9007199254740993), F(9007199254740992.0)), "#t");
    CHECK_SHOW(CALL("<", S("abc"), S("abd")), "#t");
    CHECK_SHOW(CALL("<", S("ab"), S("abc")), "#t");
    CHECK_SHOW(CALL("<", S("z"), S("é")), "#t");
    CHECK_SHOW(CALL("<", F(NAN), I(1)), "#f");
    CHECK_SHOW(CALL("<", I(1), S("a")), "<error type-error: '<' expects a number, got String \"a\">");
    CHECK_SHOW(CALL("<", S("a"), I(1)), "<error type-error: '<' expects a String, got Int 1>");
    CHECK_SHOW(CALL("<", RT_TRUE, I(1)), "<error type-error: '<' expects a number or a String, got Bool #t>");
    CHECK_SHOW(CALL("<", I(1)), "<error type-error: < expects at least 2 arguments, got 1>");
}

static void test_numbers(void) {
    CHECK_SHOW(CALL("abs", I(-5)), "5");
    CHECK_SHOW(CALL("abs", F(-2.5)), "2.5");
    CHECK_SHOW(CALL("abs", I(INT64_MIN)), "<error integer-overflow: integer overflow>");
    CHECK_SHOW(CALL("neg", I(3)), "-3");
    CHECK_SHOW(CALL("min", I(3), I(1), I(2)), "1");
    CHECK_SHOW(CALL("max", I(3), F(2.5)), "3.0");
    CHECK_SHOW(CALL("min", I(3), F(2.5)), "2.5");
    CHECK_SHOW(CALL("inc", I(INT64_MAX)), "<error integer-overflow: integer overflow>");
    CHECK_SHOW(CALL("dec", I(0)), "-1");
    CHECK_SHOW(CALL("inc", S("x")), "<error type-error: 'inc' expects a number, got String \"x\">");
    CHECK_SHOW(CALL("sqrt", I(16)), "4.0");
    CHECK_SHOW(CALL("sqrt", I(-1)), "nan");
    CHECK_SHOW(CALL("log", I(0)), "-inf");
    CHECK_SHOW(CALL("exp", I(0)), "1.0");
    CHECK_SHOW(CALL("pow", I(2), I(10)), "1024.0");
    CHECK_SHOW(CALL("atan2", I(1), I(1)), "0.7853981633974483");
    CHECK_SHOW(CALL("floor", I(3)), "3");
    CHECK_SHOW(CALL("floor", F(-2.5)), "-3.0");
    CHECK_SHOW(CALL("ceil", F(2.1)), "3.0");
    CHECK_SHOW(CALL("round", F(2.5)), "2.0");
    CHECK_SHOW(CALL("round", F(3.5)), "4.0");
    CHECK_SHOW(CALL("round", F(-2.5)), "-2.0");
    CHECK_SHOW(CALL("truncate", F(-2.7)), "-2.0");
    CHECK_SHOW(CALL("to-int", F(-2.7)), "-2");
    CHECK_SHOW(CALL("to-int", F(1e300)), "<error integer-overflow: integer overflow>");
    CHECK_SHOW(CALL("to-int", F(NAN)), "<error type-error: 'to-int' expects a number other than nan, got Float nan>");
    CHECK_SHOW(CALL("to-int", F(-9223372036854775808.0)), "-9223372036854775808");
    CHECK_SHOW(CALL("to-float", I(3)), "3.0");
    CHECK_SHOW(CALL("gcd", I(12), I(18), I(-8)), "2");
    CHECK_SHOW(CALL0("gcd"), "0");
    CHECK_SHOW(CALL("lcm", I(4), I(6)), "12");
    CHECK_SHOW(CALL0("lcm"), "1");
    CHECK_SHOW(CALL("lcm", I(0), I(6)), "0");
    CHECK_SHOW(CALL("gcd", I(INT64_MIN), I(0)), "<error integer-overflow: integer overflow>");
    CHECK_SHOW(CALL("lcm", I(INT64_MAX), I(2)), "<error integer-overflow: integer overflow>");
    CHECK_SHOW(CALL("gcd", F(2.0)), "<error type-error: 'gcd' expects an Int, got Float 2.0>");
    CHECK_SHOW(CALL("even?", I(-4)), "#t");
    CHECK_SHOW(CALL("odd?", I(-3)), "#t");
    CHECK_SHOW(CALL("zero?", F(-0.0)), "#t");
    CHECK_SHOW(CALL("positive?", I(0)), "#f");
    CHECK_SHOW(CALL("negative?", F(-1e-300)), "#t");
    CHECK_SHOW(CALL("positive?", F(NAN)), "#f");
}

static void test_predicates(void) {
    CHECK_SHOW(CALL("int?", I(INT64_MAX)), "#t");
    CHECK_SHOW(CALL("int?", F(1.0)), "#f");
    CHECK_SHOW(CALL("float?", F(1.0)), "#t");
    CHECK_SHOW(CALL("number?", S("1")), "#f");
    CHECK_SHOW(CALL("string?", S("1")), "#t");
    CHECK_SHOW(CALL("bool?", RT_FALSE), "#t");
    CHECK_SHOW(CALL("nil?", RT_NIL), "#t");
    CHECK_SHOW(CALL("list?", RT_NIL), "#f");
    CHECK_SHOW(CALL("list?", RT_EMPTY), "#t");
    CHECK_SHOW(CALL("list?", CALL("list", I(1))), "#t");
    CHECK_SHOW(CALL("tuple?", CALL("tuple", I(1))), "#t");
    CHECK_SHOW(CALL("function?", B("+")), "#t");
    CHECK_SHOW(CALL("function?", I(1)), "#f");
}

static void test_lists(void) {
    rt_val l = CALL("list", I(1), I(2), I(3));
    CHECK_SHOW(CALL("cons", I(0), l), "[0 1 2 3]");
    CHECK_SHOW(CALL("cons", I(0), I(5)), "<error type-error: 'cons' expects a List, got Int 5>");
    CHECK_SHOW(CALL("head", l), "1");
    CHECK_SHOW(CALL("tail", l), "[2 3]");
    CHECK_SHOW(CALL("car", l), "1");
    CHECK_SHOW(CALL("rest", l), "[2 3]");
    CHECK_SHOW(CALL("head", RT_EMPTY), "<error empty-list: head of empty list>");
    CHECK_SHOW(CALL("tail", RT_EMPTY), "<error empty-list: tail of empty list>");
    CHECK_SHOW(CALL("last", RT_EMPTY), "<error empty-list: last of empty list>");
    CHECK_SHOW(CALL("first", RT_EMPTY), "<error empty-list: first of empty list>");
    CHECK_SHOW(CALL("head", I(5)), "<error type-error: 'head' expects a List, got Int 5>");
    CHECK_SHOW(CALL("empty?", RT_EMPTY), "#t");
    CHECK_SHOW(CALL("empty?", l), "#f");
    CHECK_SHOW(CALL("null?", RT_NIL), "#t");
    CHECK_SHOW(CALL("null?", RT_EMPTY), "#t");
    CHECK_SHOW(CALL("null?", I(0)), "#f");
    CHECK_SHOW(CALL("length", l), "3");
    CHECK_SHOW(CALL("length", RT_EMPTY), "0");
    CHECK_SHOW(CALL("nth", l, I(0)), "1");
    CHECK_SHOW(CALL("nth", l, I(2)), "3");
    CHECK_SHOW(CALL("nth", l, I(5)), "<error index-out-of-range: index 5 out of range for list of length 3>");
    CHECK_SHOW(CALL("nth", l, I(-1)), "<error index-out-of-range: index -1 out of range for list of length 3>");
    CHECK_SHOW(CALL("last", l), "3");
    CHECK_SHOW(CALL0("append"), "[]");
    CHECK_SHOW(CALL("append", l), "[1 2 3]");
    CHECK_SHOW(CALL("append", l, RT_EMPTY, l, CALL("list", I(9))), "[1 2 3 1 2 3 9]");
    CHECK_SHOW(CALL("append", l, I(1)), "<error type-error: 'append' expects a List, got Int 1>");
    CHECK_SHOW(CALL("reverse", l), "[3 2 1]");
    CHECK_SHOW(CALL("reverse", RT_EMPTY), "[]");
    CHECK_SHOW(CALL0("list"), "[]");
    CHECK_SHOW(CALL("fst", CALL("tuple", I(1), I(2))), "1");
    CHECK_SHOW(CALL("snd", CALL("tuple", I(1), I(2))), "2");
    CHECK_SHOW(CALL("tuple-ref", CALL("tuple", I(1), I(2)), I(2)),
               "<error index-out-of-range: index 2 out of range for tuple of length 2>");
}

static void test_strings(void) {
    CHECK_SHOW(CALL("concat", S("ab"), S("c"), S("")), "abc");
    CHECK_SHOW(CALL0("concat"), "");
    CHECK_SHOW(CALL("string-concat", S("x"), S("é")), "xé");
    CHECK_SHOW(CALL("string-length", CALL("concat", S("héllo"), S("😀"))), "6");
    CHECK_SHOW(CALL("concat", S("a"), I(1)), "<error type-error: 'concat' expects a String, got Int 1>");
    CHECK_SHOW(CALL("string-length", S("")), "0");
    CHECK_SHOW(CALL("to-string", F(2.0)), "2.0");
    static const struct { const char *in, *out; } nums[] = {
        {"42", "42"}, {"-17", "-17"}, {"0x1F", "31"}, {"-0x1f", "-31"}, {"1_000_000", "1000000"},
        {"3.14", "3.14"}, {"-0.5", "-0.5"}, {"1e10", "10000000000.0"}, {"2.5e-3", "0.0025"},
        {".5", "nil"}, {"5.", "nil"}, {"abc", "nil"}, {"", "nil"}, {"1_", "nil"}, {"_1", "nil"},
        {"1__0", "nil"}, {"9223372036854775807", "9223372036854775807"},
        {"9223372036854775808", "nil"}, {"-9223372036854775808", "-9223372036854775808"},
        {"0x7FFFFFFFFFFFFFFF", "9223372036854775807"}, {"0x", "nil"}, {"1e", "nil"}, {" 12 ", "12"},
        {"1.5E+2", "150.0"}, {"12abc", "nil"}, {"--1", "nil"}, {"+5", "5"}, {"inf", "nil"},
    };
    for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
        rt_val r = CALL("string->number", S(nums[i].in));
        checks++;
        if (strcmp(show(r), nums[i].out) != 0) {
            failures++;
            fprintf(stderr, "string->number \"%s\": expected %s, got %s\n", nums[i].in, nums[i].out, show(r));
        }
    }
}

/* Is the whole suite running with a collection at every allocation? (then keep big cases small) */
static int stressed(void) {
    const char *stress = getenv("CLAUDE_GC_STRESS");
    return stress && strcmp(stress, "1") == 0;
}

#define CALLF(f, ...) call((f), sizeof((rt_val[]){__VA_ARGS__}) / 8, (rt_val[]){__VA_ARGS__})

/* (lambda (a b) (< (fst a) (fst b))): for checking that sort is stable. */
static rt_val fst_less_generic(rt_val self, int64_t argc, const rt_val *argv, const char *loc) {
    (void)self; (void)argc;
    return rt_bool(rt_lt2(RT_REC(argv[0])->fields[0], RT_REC(argv[1])->fields[0], loc));
}
static const rt_fninfo fst_less_info = {fst_less_generic, "fst-less", 2, 2, 0, 0, 0};

static void test_more_lists(void) {
    rt_val l = CALL("list", I(1), I(2), I(3));
    /* range */
    CHECK_SHOW(CALL("range", I(5)), "[0 1 2 3 4]");
    CHECK_SHOW(CALL("range", I(0)), "[]");
    CHECK_SHOW(CALL("range", I(-3)), "[]");
    CHECK_SHOW(CALL("range", I(2), I(5)), "[2 3 4]");
    CHECK_SHOW(CALL("range", I(5), I(2)), "[]");
    CHECK_SHOW(CALL("range", I(0), I(10), I(3)), "[0 3 6 9]");
    CHECK_SHOW(CALL("range", I(5), I(0), I(-1)), "[5 4 3 2 1]");
    CHECK_SHOW(CALL("range", I(5), I(0), I(-2)), "[5 3 1]");
    CHECK_SHOW(CALL("range", I(0), I(5), I(-1)), "[]");
    CHECK_SHOW(CALL("range", I(INT64_MAX - 2), I(INT64_MAX)), "[9223372036854775805 9223372036854775806]");
    CHECK_SHOW(CALL("range", I(INT64_MIN + 1), I(INT64_MIN), I(INT64_MIN)), "[-9223372036854775807]");
    CHECK_SHOW(CALL("range", I(INT64_MAX - 1), I(INT64_MAX), I(INT64_MAX)), "[9223372036854775806]");
    CHECK_SHOW(CALL("range", I(0), I(5), I(0)), "<error type-error: range step must not be zero>");
    CHECK_SHOW(CALL("range", F(1.0)), "<error type-error: 'range' expects an Int, got Float 1.0>");
    CHECK_SHOW(CALL0("range"), "<error type-error: range expects 1 to 3 arguments, got 0>");
    /* take, drop */
    CHECK_SHOW(CALL("take", l, I(2)), "[1 2]");
    CHECK_SHOW(CALL("take", l, I(0)), "[]");
    CHECK_SHOW(CALL("take", l, I(10)), "[1 2 3]");
    CHECK_SHOW(CALL("take", l, I(-1)), "[]");
    CHECK_SHOW(CALL("take", RT_EMPTY, I(2)), "[]");
    CHECK_SHOW(CALL("drop", l, I(1)), "[2 3]");
    CHECK(CALL("drop", l, I(1)) == rt_tail(l));
    CHECK(CALL("drop", l, I(-5)) == l);
    CHECK_SHOW(CALL("drop", l, I(3)), "[]");
    CHECK_SHOW(CALL("drop", l, I(99)), "[]");
    CHECK_SHOW(CALL("take", I(1), I(2)), "<error type-error: 'take' expects a List, got Int 1>");
    CHECK_SHOW(CALL("drop", l, S("1")), "<error type-error: 'drop' expects an Int, got String \"1\">");
    /* zip */
    CHECK_SHOW(CALL("zip", l, CALL("list", S("a"), S("b"))), "[(tuple 1 \"a\") (tuple 2 \"b\")]");
    CHECK_SHOW(CALL("zip", l, l, l), "[(tuple 1 1 1) (tuple 2 2 2) (tuple 3 3 3)]");
    CHECK_SHOW(CALL("zip", l, RT_EMPTY), "[]");
    CHECK_SHOW(CALL("zip", l), "<error type-error: zip expects at least 2 arguments, got 1>");
    CHECK_SHOW(CALL("zip", l, RT_NIL), "<error type-error: 'zip' expects a List, got Nil nil>");
    /* member? */
    CHECK_SHOW(CALL("member?", I(2), l), "#t");
    CHECK_SHOW(CALL("member?", F(2.0), l), "#t");
    CHECK_SHOW(CALL("member?", I(4), l), "#f");
    CHECK_SHOW(CALL("member?", I(4), RT_EMPTY), "#f");
    CHECK_SHOW(CALL("member?", CALL("list", S("x")), CALL("list", I(1), CALL("list", S("x")))), "#t");
    CHECK_SHOW(CALL("member?", I(1), I(1)), "<error type-error: 'member?' expects a List, got Int 1>");
    /* sum, product */
    CHECK_SHOW(CALL("sum", l), "6");
    CHECK_SHOW(CALL("sum", RT_EMPTY), "0");
    CHECK_SHOW(CALL("product", RT_EMPTY), "1");
    CHECK_SHOW(CALL("product", CALL("list", I(2), I(3), I(4))), "24");
    CHECK_SHOW(CALL("sum", CALL("list", I(1), F(2.5))), "3.5");
    CHECK_SHOW(CALL("product", CALL("list", F(0.5), I(4))), "2.0");
    CHECK_SHOW(CALL("sum", CALL("list", I(INT64_MAX), I(1))), "<error integer-overflow: integer overflow>");
    CHECK_SHOW(CALL("product", CALL("list", I(INT64_MAX), I(2))), "<error integer-overflow: integer overflow>");
    CHECK_SHOW(CALL("sum", CALL("list", I(1), S("a"))), "<error type-error: 'sum' expects a number, got String \"a\">");
    CHECK_SHOW(CALL("product", CALL("list", RT_NIL)), "<error type-error: 'product' expects a number, got Nil nil>");
    CHECK_SHOW(CALL("sum", I(3)), "<error type-error: 'sum' expects a List, got Int 3>");
    /* flatten */
    rt_val nested = CALL("list", I(1), CALL("list", I(2), CALL("list", I(3), RT_EMPTY, CALL("list", CALL("list", I(4))))),
                         RT_EMPTY, S("s"), RT_NIL, CALL("tuple", CALL("list", I(5))), CALL("list", I(6)));
    CHECK_SHOW(CALL("flatten", nested), "[1 2 3 4 \"s\" nil (tuple [5]) 6]");
    CHECK_SHOW(CALL("flatten", RT_EMPTY), "[]");
    CHECK_SHOW(CALL("flatten", CALL("list", RT_EMPTY, CALL("list", RT_EMPTY))), "[]");
    CHECK_SHOW(CALL("flatten", l), "[1 2 3]");
    CHECK_SHOW(CALL("flatten", S("abc")), "<error type-error: 'flatten' expects a List, got String \"abc\">");
    rt_val deep = RT_EMPTY;           /* [[[...[7]...]]], 100000 levels: no C recursion */
    RT_PUSH_ROOT(deep);
    deep = CALL("list", I(7));
    for (int i = 0; i < (stressed() ? 1000 : 100000); i++) deep = rt_cons_new(deep, RT_EMPTY);
    CHECK_SHOW(CALL("flatten", deep), "[7]");
    rt_pop_roots(1);
    /* sort */
    CHECK_SHOW(CALL("sort", CALL("list", I(3), I(1), F(2.5), I(-7), I(3), I(0))), "[-7 0 1 2.5 3 3]");
    CHECK_SHOW(CALL("sort", RT_EMPTY), "[]");
    CHECK_SHOW(CALL("sort", CALL("list", I(1))), "[1]");
    CHECK_SHOW(CALL("sort", CALL("list", S("pear"), S("apple"), S("é"), S("Zed"), S("b"))),
               "[\"Zed\" \"apple\" \"b\" \"pear\" \"é\"]");
    CHECK_SHOW(CALL("sort", CALL("list", I(1), S("a"))), "<error type-error: 'sort' expects a number, got String \"a\">");
    CHECK_SHOW(CALL("sort", CALL("list", S("a"), I(1))), "<error type-error: 'sort' expects a String, got Int 1>");
    CHECK_SHOW(CALL("sort", CALL("list", RT_TRUE, RT_FALSE)), "<error type-error: 'sort' expects a number or a String, got Bool #t>");
    CHECK_SHOW(CALL("sort", CALL("list", I(3), I(1), I(2)), B(">")), "[3 2 1]");
    CHECK_SHOW(CALL("sort", RT_NIL), "<error type-error: 'sort' expects a List, got Nil nil>");
    CHECK_SHOW(CALL("sort", l, B("head")), "<error type-error: head expects 1 argument, got 2>");
    CHECK_SHOW(CALL("sort", l, I(1)), "<error type-error: not a function: 1>");
    /* stability, with and without a predicate (equal keys keep their order) */
    rt_val fl = K(rt_closure_new((void *)fst_less_generic, &fst_less_info));
    rt_val pairs = CALL("list", CALL("tuple", I(2), S("a")), CALL("tuple", I(1), S("b")), CALL("tuple", I(2), S("c")),
                        CALL("tuple", I(1), S("d")), CALL("tuple", I(0), S("e")), CALL("tuple", I(2), S("f")));
    CHECK_SHOW(CALL("sort", pairs, fl),
               "[(tuple 0 \"e\") (tuple 1 \"b\") (tuple 1 \"d\") (tuple 2 \"a\") (tuple 2 \"c\") (tuple 2 \"f\")]");
    CHECK_SHOW(CALL("sort", CALL("list", I(1), F(1.0), I(0), F(0.0), I(1))), "[0 0.0 1 1.0 1]");
    /* a longer list, against a reference */
    rt_val big = RT_EMPTY;
    RT_PUSH_ROOT(big);
    uint64_t seed = 12345;
    int counts[100] = {0};
    for (int i = 0; i < 5000; i++) {
        seed = seed * 6364136223846793005u + 1442695040888963407u;
        int v = (int)(seed >> 33) % 100;
        counts[v]++;
        big = rt_cons_new(rt_make_fixnum(v), big);
    }
    rt_val sorted = CALL("sort", big);
    int ok = 1, prev = -1, n = 0, seen[100] = {0};
    for (rt_val v = sorted; rt_is_cons(v); v = rt_tail(v), n++) {
        int x = (int)rt_fixnum_value(rt_head(v));
        if (x < prev) ok = 0;
        seen[x]++;
        prev = x;
    }
    CHECK(ok && n == 5000 && memcmp(seen, counts, sizeof seen) == 0);
    rt_pop_roots(1);
}

static void test_more_strings(void) {
    rt_val s = S("héllo wörld");
    /* substring */
    CHECK_SHOW(CALL("substring", s, I(1), I(4)), "éll");
    CHECK_SHOW(CALL("substring", s, I(6)), "wörld");
    CHECK_SHOW(CALL("substring", s, I(0), I(0)), "");
    CHECK_SHOW(CALL("substring", s, I(11)), "");
    CHECK_SHOW(CALL("substring", S("abc"), I(1), I(2)), "b");
    CHECK(RT_STR(CALL("substring", s, I(1), I(4)))->nchars == 3);
    CHECK_SHOW(CALL("substring", s, I(12)), "<error index-out-of-range: index 12 out of range for string of length 11>");
    CHECK_SHOW(CALL("substring", s, I(-1), I(2)), "<error index-out-of-range: index -1 out of range for string of length 11>");
    CHECK_SHOW(CALL("substring", s, I(3), I(2)), "<error index-out-of-range: index 2 out of range for string of length 11>");
    CHECK_SHOW(CALL("substring", s, I(0), I(20)), "<error index-out-of-range: index 20 out of range for string of length 11>");
    CHECK_SHOW(CALL("substring", I(1), I(0)), "<error type-error: 'substring' expects a String, got Int 1>");
    /* case */
    CHECK_SHOW(CALL("string-upcase", S("héllo, World 1")), "HéLLO, WORLD 1");
    CHECK_SHOW(CALL("string-downcase", S("HÉLLO, World")), "hÉllo, world");
    CHECK(RT_STR(CALL("string-upcase", s))->nchars == 11);
    CHECK_SHOW(CALL("string-upcase", RT_NIL), "<error type-error: 'string-upcase' expects a String, got Nil nil>");
    /* split */
    CHECK_SHOW(CALL("string-split", S("a,,b"), S(",")), "[\"a\" \"\" \"b\"]");
    CHECK_SHOW(CALL("string-split", S(""), S(",")), "[\"\"]");
    CHECK_SHOW(CALL("string-split", S(",a,"), S(",")), "[\"\" \"a\" \"\"]");
    CHECK_SHOW(CALL("string-split", S("a::b::c"), S("::")), "[\"a\" \"b\" \"c\"]");
    CHECK_SHOW(CALL("string-split", S("aéb"), S("é")), "[\"a\" \"b\"]");
    CHECK_SHOW(CALL("string-split", S("aé😀"), S("")), "[\"a\" \"é\" \"😀\"]");
    CHECK_SHOW(CALL("string-split", S(""), S("")), "[]");
    CHECK_SHOW(CALL("string-split", S("  a b\t\n c  ")), "[\"a\" \"b\" \"c\"]");
    CHECK_SHOW(CALL("string-split", S("  ")), "[]");
    CHECK_SHOW(CALL("string-split", S("")), "[]");
    CHECK_SHOW(CALL("string-split", S("one")), "[\"one\"]");
    CHECK_SHOW(CALL("string-split", S("a b"), I(1)), "<error type-error: 'string-split' expects a String, got Int 1>");
    /* join */
    rt_val words = CALL("list", S("a"), S("é"), S("c"));
    CHECK_SHOW(CALL("string-join", words), "a é c");
    CHECK_SHOW(CALL("string-join", words, S(", ")), "a, é, c");
    CHECK_SHOW(CALL("string-join", words, S("")), "aéc");
    CHECK(RT_STR(CALL("string-join", words, S("ü")))->nchars == 5);
    CHECK_SHOW(CALL("string-join", RT_EMPTY, S(",")), "");
    CHECK_SHOW(CALL("string-join", CALL("list", S("x"))), "x");
    CHECK_SHOW(CALL("string-join", CALL("list", S("x"), I(1))), "<error type-error: 'string-join' expects a String, got Int 1>");
    CHECK_SHOW(CALL("string-join", S("x")), "<error type-error: 'string-join' expects a List, got String \"x\">");
    CHECK_SHOW(CALL("string-join", words, I(0)), "<error type-error: 'string-join' expects a String, got Int 0>");
    /* trim */
    CHECK_SHOW(CALL("string-trim", S(" \t\n\r\v\fhi there \n")), "hi there");
    CHECK_SHOW(CALL("string-trim", S("   ")), "");
    CHECK_SHOW(CALL("string-trim", S("x")), "x");
    CHECK_SHOW(CALL("string-trim", S(" é ")), "é");
    CHECK_SHOW(CALL("string-trim", I(1)), "<error type-error: 'string-trim' expects a String, got Int 1>");
    /* search */
    CHECK_SHOW(CALL("string-contains?", s, S("lo w")), "#t");
    CHECK_SHOW(CALL("string-contains?", s, S("")), "#t");
    CHECK_SHOW(CALL("string-contains?", s, S("xyz")), "#f");
    CHECK_SHOW(CALL("string-contains?", S(""), S("a")), "#f");
    CHECK_SHOW(CALL("string-starts-with?", s, S("hé")), "#t");
    CHECK_SHOW(CALL("string-starts-with?", s, S("")), "#t");
    CHECK_SHOW(CALL("string-starts-with?", s, S("é")), "#f");
    CHECK_SHOW(CALL("string-starts-with?", S("h"), S("hé")), "#f");
    CHECK_SHOW(CALL("string-contains?", s, RT_NIL), "<error type-error: 'string-contains?' expects a String, got Nil nil>");
    /* characters */
    CHECK_SHOW(CALL("string->list", S("aé😀")), "[\"a\" \"é\" \"😀\"]");
    CHECK_SHOW(CALL("string->list", S("")), "[]");
    CHECK_SHOW(CALL("list->string", CALL("list", S("a"), S("é"), S(""), S("c"))), "aéc");
    CHECK_SHOW(CALL("list->string", RT_EMPTY), "");
    CHECK_SHOW(CALL("list->string", CALL("string->list", s)), "héllo wörld");
    CHECK_SHOW(CALL("list->string", CALL("list", S("a"), I(1))), "<error type-error: 'list->string' expects a String, got Int 1>");
    CHECK_SHOW(CALL("list->string", S("a")), "<error type-error: 'list->string' expects a List, got String \"a\">");
    CHECK_SHOW(CALL("string-ref", s, I(1)), "é");
    CHECK_SHOW(CALL("string-ref", s, I(10)), "d");
    CHECK_SHOW(CALL("string-ref", s, I(11)), "<error index-out-of-range: index 11 out of range for string of length 11>");
    CHECK_SHOW(CALL("string-ref", s, I(-1)), "<error index-out-of-range: index -1 out of range for string of length 11>");
    CHECK_SHOW(CALL("string-ref", S(""), I(0)), "<error index-out-of-range: index 0 out of range for string of length 0>");
    CHECK_SHOW(CALL("char->int", S("A")), "65");
    CHECK_SHOW(CALL("char->int", S("é")), "233");
    CHECK_SHOW(CALL("char->int", S("€")), "8364");
    CHECK_SHOW(CALL("char->int", S("😀")), "128512");
    CHECK_SHOW(CALL("char->int", S("ab")), "<error type-error: 'char->int' expects a one-character String, got String \"ab\">");
    CHECK_SHOW(CALL("char->int", S("")), "<error type-error: 'char->int' expects a one-character String, got String \"\">");
    CHECK_SHOW(CALL("char->int", I(65)), "<error type-error: 'char->int' expects a one-character String, got Int 65>");
    CHECK_SHOW(CALL("int->char", I(65)), "A");
    CHECK_SHOW(CALL("int->char", I(233)), "é");
    CHECK_SHOW(CALL("int->char", I(8364)), "€");
    CHECK_SHOW(CALL("int->char", I(128512)), "😀");
    CHECK_SHOW(CALL("int->char", I(0x10FFFF)), "\U0010FFFF");
    CHECK(RT_STR(CALL("int->char", I(0)))->nbytes == 1 && RT_STR(CALL("int->char", I(0)))->nchars == 1);
    CHECK_SHOW(CALL("int->char", I(0x110000)), "<error type-error: int->char: invalid code point 1114112>");
    CHECK_SHOW(CALL("int->char", I(0xD800)), "<error type-error: int->char: invalid code point 55296>");
    CHECK_SHOW(CALL("int->char", I(0xDFFF)), "<error type-error: int->char: invalid code point 57343>");
    CHECK_SHOW(CALL("int->char", I(-1)), "<error type-error: int->char: invalid code point -1>");
    CHECK_SHOW(CALL("int->char", S("a")), "<error type-error: 'int->char' expects an Int, got String \"a\">");
    for (int64_t cp = 0; cp <= 0x10FFFF; cp += stressed() ? 4099 : 97) {     /* round trip */
        if (cp >= 0xD800 && cp <= 0xDFFF) continue;
        rt_val c = CALL("int->char", I(cp));
        checks++;
        if (!rt_is_string(c) || RT_STR(c)->nchars != 1 || rt_int_value(CALL("char->int", c)) != cp) {
            failures++;
            fprintf(stderr, "int->char/char->int round trip failed for %lld\n", (long long)cp);
            break;
        }
    }
    /* number->string */
    CHECK_SHOW(CALL("number->string", I(-42)), "-42");
    CHECK_SHOW(CALL("number->string", F(0.1)), "0.1");
    CHECK_SHOW(CALL("number->string", F(3.0)), "3.0");
    CHECK_SHOW(CALL("number->string", F(1e100)), "1e+100");
    CHECK_SHOW(CALL("number->string", I(INT64_MIN)), "-9223372036854775808");
    CHECK(rt_is_string(CALL("number->string", I(1))));
    CHECK_SHOW(CALL("number->string", S("1")), "<error type-error: 'number->string' expects a number, got String \"1\">");
}

static void test_functions(void) {
    rt_val l = CALL("list", I(1), I(2), I(3));
    CHECK_SHOW(CALL("identity", l), "[1 2 3]");
    CHECK(CALL("identity", l) == l);
    CHECK_SHOW(CALL("identity", I(1), I(2)), "<error type-error: identity expects 1 argument, got 2>");
    /* apply */
    CHECK_SHOW(CALL("apply", B("+"), l), "6");
    CHECK_SHOW(CALL("apply", B("+"), I(10), I(20), l), "36");
    CHECK_SHOW(CALL("apply", B("list"), RT_EMPTY), "[]");
    CHECK_SHOW(CALL("apply", B("list"), I(0), RT_EMPTY), "[0]");
    CHECK_SHOW(CALL("apply", B("apply"), B("list"), CALL("list", I(1), l)), "[1 1 2 3]");
    CHECK_SHOW(CALL("apply", B("+"), I(1), I(2)), "<error type-error: 'apply' expects a List, got Int 2>");
    CHECK_SHOW(CALL("apply", B("+")), "<error type-error: apply expects at least 2 arguments, got 1>");
    CHECK_SHOW(CALL("apply", I(5), l), "<error type-error: not a function: 5>");
    CHECK_SHOW(CALL("apply", B("head"), l), "<error type-error: head expects 1 argument, got 3>");
    CHECK_SHOW(CALL("apply", B("+"), CALL("list", I(1), S("x"))), "<error type-error: '+' expects a number, got String \"x\">");
    /* partial */
    rt_val add10 = CALL("partial", B("+"), I(10));
    CHECK_SHOW(add10, "<function>");
    CHECK_SHOW(CALLF(add10, I(5)), "15");
    CHECK_SHOW(CALLF(add10, I(1), I(2)), "13");
    CHECK_SHOW(call(add10, 0, NULL), "10");
    CHECK_SHOW(CALLF(CALL("partial", B("list"), I(1), I(2)), I(3), I(4)), "[1 2 3 4]");
    CHECK_SHOW(call(CALL("partial", B("list")), 0, NULL), "[]");
    CHECK_SHOW(CALLF(CALL("partial", B("head")), l), "1");
    CHECK_SHOW(CALLF(CALL("partial", B("head"), l), l), "<error type-error: head expects 1 argument, got 2>");
    CHECK_SHOW(CALLF(add10, S("x")), "<error type-error: '+' expects a number, got String \"x\">");
    CHECK_SHOW(CALL("partial", I(1), I(2)), "<error type-error: 'partial' expects a Function, got Int 1>");
    CHECK_SHOW(CALL0("partial"), "<error type-error: partial expects at least 1 argument, got 0>");
    /* compose */
    rt_val dbl = CALL("partial", B("*"), I(2));
    rt_val f = CALL("compose", add10, dbl);            /* (+ 10 (* 2 x)) */
    CHECK_SHOW(f, "<function>");
    CHECK_SHOW(CALLF(f, I(5)), "20");
    CHECK_SHOW(CALLF(CALL("compose", dbl, add10), I(5)), "30");
    CHECK_SHOW(CALLF(CALL("compose", B("-"), B("+")), I(1), I(2), I(3)), "-6");
    CHECK_SHOW(CALLF(CALL("compose", B("to-string"), B("reverse"), B("list")), I(1), S("a")), "[\"a\" 1]");
    CHECK_SHOW(CALLF(CALL("compose", dbl), I(4)), "8");
    rt_val id = CALL0("compose");
    CHECK_SHOW(CALLF(id, S("same")), "same");
    CHECK(CALLF(id, l) == l);
    CHECK_SHOW(call(CALL("compose", B("+")), 0, NULL), "0");
    CHECK_SHOW(CALLF(CALL("compose", B("head"), B("tail")), l), "2");
    CHECK_SHOW(CALLF(CALL("compose", B("head"), B("tail")), CALL("list", I(1))), "<error empty-list: head of empty list>");
    CHECK_SHOW(CALLF(CALL("compose", add10, B("head")), I(5)), "<error type-error: 'head' expects a List, got Int 5>");
    CHECK_SHOW(CALLF(CALL("compose", B("head"), B("cons")), I(5)), "<error type-error: cons expects 2 arguments, got 1>");
    CHECK_SHOW(CALL("compose", B("head"), S("f")), "<error type-error: 'compose' expects a Function, got String \"f\">");
    /* composed and partially applied closures are first-class: sort with one, apply another */
    rt_val gt = CALL("compose", B("not"), B("<="));
    CHECK_SHOW(CALL("sort", CALL("list", I(2), I(3), I(1)), gt), "[3 2 1]");
    CHECK_SHOW(CALL("apply", CALL("partial", B("apply"), B("+"), I(1)), CALL("list", l)), "7");
    CHECK(rt_builtin_lookup("compose")->min_args == 0 && rt_builtin_lookup("compose")->max_args == -1);
    CHECK(rt_builtin_lookup("zip")->min_args == 2 && rt_builtin_lookup("zip")->max_args == -1);
    CHECK(rt_builtin_lookup("sort")->min_args == 1 && rt_builtin_lookup("sort")->max_args == 2);
}

static rt_val raise_generic(rt_val self, int64_t argc, const rt_val *argv, const char *loc) {
    (void)self; (void)argc; (void)argv;
    rt_val a[2] = {S("oops"), S("custom message")};
    return rt_b_error_raise(RT_NIL, 2, a, loc);
}

static void test_errors(void) {
    CHECK_SHOW(call(I(5), 0, NULL), "<error type-error: not a function: 5>");
    CHECK_SHOW(call(S("f"), 0, NULL), "<error type-error: not a function: \"f\">");
    CHECK_SHOW(CALL("head", I(1), I(2)), "<error type-error: head expects 1 argument, got 2>");
    CHECK_SHOW(CALL("mod", I(1)), "<error type-error: mod expects 2 arguments, got 1>");
    CHECK_SHOW(CALL("log"), "<error type-error: log expects 1 to 2 arguments, got 0>");
    static const rt_fninfo anon = {identity_generic, NULL, 1, 1, 0, 0, 0};
    CHECK_SHOW(call(K(rt_closure_new((void *)identity_generic, &anon)), 0, NULL),
               "<error type-error: <function> expects 1 argument, got 0>");
    static const rt_fninfo raiser = {raise_generic, "raiser", 0, 0, 0, 0, 0};
    rt_val e = call(K(rt_closure_new((void *)raise_generic, &raiser)), 0, NULL);
    CHECK_SHOW(e, "<error oops: custom message>");
    CHECK_SHOW(CALL("error:kind", e), "oops");
    CHECK_SHOW(CALL("error:message", e), "custom message");
    CHECK_SHOW(CALL("error:kind", I(1)), "<error type-error: 'error:kind' expects an Error, got Int 1>");
    CHECK_SHOW(CALL("error:raise", I(1), S("m")), "<error type-error: 'error:raise' expects a String, got Int 1>");
    /* nested handlers: the inner one catches, the outer result is the inner handler's value */
    rt_val inner = CALL("error:handle", make_thunk(B("/"), 2, (rt_val[]){I(1), I(0)}), B("error:message"));
    CHECK_SHOW(inner, "division by zero");
    /* the handle stack and shadow stack are restored after unwinding */
    rt_val *sp = rt_shadow_sp;
    size_t depth = rt_handle_depth();
    for (int i = 0; i < 1000; i++) CALL("head", RT_EMPTY);
    CHECK(rt_shadow_sp == sp);
    CHECK(rt_handle_depth() == depth);
    /* unboxing messages */
    CHECK_SHOW(call(B("error:handle"), 2, (rt_val[]){make_thunk(B("+"), 0, NULL), B("+")}), "0");
}

/* Entry points generated code calls, wrapped as closures so errors can be caught. */
static rt_val abi_generic(rt_val self, int64_t argc, const rt_val *argv, const char *loc) {
    (void)argc;
    switch (rt_fixnum_value(RT_CLO(self)->free[0])) {
    case 0: return rt_box_int(rt_unbox_int(argv[0], loc));
    case 1: return rt_box_float(rt_unbox_float(argv[0], loc));
    case 2: return rt_bool(rt_unbox_bool(argv[0], loc));
    case 3: return rt_check_string(argv[0], loc);
    case 4: return rt_check_list(argv[0], loc);
    case 5: return rt_check_function(argv[0], loc);
    case 6: return rt_check_nil(argv[0], loc);
    case 7: rt_error_uninit("x", "a.cl:1:9", loc);
    case 8: rt_error_arity("f", 2, 3, loc);
    case 9: rt_error_arity("g", 1, 0, loc);
    case 10: rt_shadow_overflow(loc);
    case 11: return rt_check_list_repr(argv[0], RT_R_I64, loc);
    case 12: return rt_check_list_repr(argv[0], RT_R_F64, loc);
    case 13: return rt_check_list_repr(argv[0], RT_R_VAL, loc);
    default: return RT_NIL;
    }
}

static rt_val abi_call(int which, rt_val arg) {
    static const rt_fninfo info = {abi_generic, "abi", 1, 1, 1, 0, 1};   /* free[0] is raw */
    rt_val c = K(rt_closure_new((void *)abi_generic, &info));
    RT_CLO(c)->free[0] = rt_make_fixnum(which);
    return call(c, 1, &arg);
}

static void test_abi(void) {
    CHECK_SHOW(abi_call(0, I(INT64_MIN)), "-9223372036854775808");
    CHECK_SHOW(abi_call(0, S("x")), "<error type-error: expected Int, got String \"x\">");
    CHECK_SHOW(abi_call(0, F(1.0)), "<error type-error: expected Int, got Float 1.0>");
    CHECK_SHOW(abi_call(1, I(2)), "2.0");
    CHECK_SHOW(abi_call(1, RT_NIL), "<error type-error: expected Float, got Nil nil>");
    CHECK_SHOW(abi_call(2, RT_TRUE), "#t");
    CHECK_SHOW(abi_call(2, I(0)), "<error type-error: expected Bool, got Int 0>");
    CHECK_SHOW(abi_call(3, RT_EMPTY), "<error type-error: expected String, got List []>");
    CHECK_SHOW(abi_call(4, RT_NIL), "<error type-error: expected List, got Nil nil>");
    CHECK_SHOW(abi_call(5, I(3)), "<error type-error: expected Function, got Int 3>");
    CHECK_SHOW(abi_call(5, B("+")), "<function +>");
    CHECK_SHOW(abi_call(6, RT_FALSE), "<error type-error: expected Nil, got Bool #f>");
    CHECK_SHOW(abi_call(7, RT_NIL),
               "<error unbound-variable: unbound variable 'x' (defined at a.cl:1:9, not yet initialised)>");
    CHECK_SHOW(abi_call(8, RT_NIL), "<error type-error: f expects 2 arguments, got 3>");
    CHECK_SHOW(abi_call(9, RT_NIL), "<error type-error: g expects 1 argument, got 0>");
    CHECK_SHOW(abi_call(10, RT_NIL), "<error stack-overflow: stack overflow>");
    /* rt_uniform_code: only uniform, non-VM closures of exactly that arity */
    static const rt_fninfo uni = {identity_generic, "u", 1, 1, 0, RT_FN_UNIFORM, 0};
    static const rt_fninfo vm = {identity_generic, "v", 1, 1, 0, RT_FN_UNIFORM | RT_FN_VM, 0};
    rt_val u = K(rt_closure_new((void *)identity_generic, &uni));
    CHECK(rt_uniform_code(u, 1) == (void *)identity_generic);
    CHECK(rt_uniform_code(u, 2) == NULL);
    CHECK(rt_uniform_code(K(rt_closure_new((void *)7, &vm)), 1) == NULL);
    CHECK(rt_uniform_code(B("+"), 2) == NULL);
    CHECK(rt_uniform_code(I(1), 1) == NULL);
    /* string objects */
    rt_val s = S("héllo");
    CHECK(RT_STR(s)->nbytes == 6 && RT_STR(s)->nchars == 5 && RT_STR(s)->bytes[6] == 0);
    CHECK(strcmp(rt_string_bytes(s), "héllo") == 0);
    CHECK(rt_builtin_lookup("no-such-builtin") == NULL);
    CHECK(rt_builtin_lookup("+")->min_args == 0 && rt_builtin_lookup("+")->max_args == -1);
}

/* ---- cell kinds (the list invariant), raw fields ------------------------------------------ */

static const rt_type *cell_type(rt_val v) { return rt_type_of(v); }

/* Is every cell of l of descriptor t? */
static int all_cells(rt_val l, const rt_type *t) {
    for (; rt_is_cons(l); l = rt_tail(l))
        if (rt_type_of(l) != t) return 0;
    return l == RT_EMPTY;
}

/* A list that satisfies the invariant: an i64 (f64) cell's tail is [] or
 * another i64 (f64) cell, and an all-Int (all-Float) list has no val cell. */
static int invariant_ok(rt_val l) {
    int all_int = 1, all_float = 1;
    for (rt_val v = l; rt_is_cons(v); v = rt_tail(v)) {
        const rt_type *t = rt_type_of(v);
        if (t == &rt_type_cons) {
            rt_val h = RT_CONS(v)->head;
            all_int &= rt_is_int(h);
            all_float &= rt_is_float(h);
        } else if (t == &rt_type_cons_i64) {
            all_float = 0;
            if (!all_cells(v, t)) return 0;
        } else if (t == &rt_type_cons_f64) {
            all_int = 0;
            if (!all_cells(v, t)) return 0;
        } else {
            return 0;
        }
    }
    if (l == RT_EMPTY) return 1;
    if (all_int) return all_cells(l, &rt_type_cons_i64);
    if (all_float) return all_cells(l, &rt_type_cons_f64);
    return 1;
}
#define CHECK_CELLS(l, t) CHECK(all_cells((l), (t)))
#define CHECK_INV(l) CHECK(invariant_ok(l))

/* A val cell made by hand (rt_cons_new would pick the raw kind): for
 * comparing lists of the same values held differently. */
static rt_val val_cell(rt_val head, rt_val tail) { return K(rt_cons_new_val(head, tail)); }

static void test_list_repr(void) {
    const rt_type *I64 = &rt_type_cons_i64, *F64 = &rt_type_cons_f64, *VAL = &rt_type_cons;
    CHECK(rt_cons_type(RT_R_VAL) == VAL && rt_cons_type(RT_R_I64) == I64 && rt_cons_type(RT_R_F64) == F64);
    CHECK(I64->kind == RT_K_CONS && F64->kind == RT_K_CONS && I64->base == VAL && F64->base == VAL && VAL->base == VAL);
    CHECK(I64->rawmask == 1 && I64->f64mask == 0 && F64->rawmask == 1 && F64->f64mask == 1 && VAL->rawmask == 0);
    CHECK(strcmp(I64->name, "List") == 0 && strcmp(F64->name, "List") == 0);
    CHECK(rt_type_tuple.base == &rt_type_tuple);
    /* rt_cons_new picks the kind from the head and the tail */
    rt_val i1 = K(rt_cons_new(I(1), RT_EMPTY));
    CHECK(cell_type(i1) == I64 && RT_CONS(i1)->head == 1);
    rt_val big = K(rt_cons_new(I(INT64_MIN), i1));          /* a boxed Int: raw too */
    CHECK(cell_type(big) == I64 && (int64_t)RT_CONS(big)->head == INT64_MIN);
    CHECK_SHOW(big, "[-9223372036854775808 1]");
    rt_val f1 = K(rt_cons_new(F(2.5), RT_EMPTY));
    CHECK(cell_type(f1) == F64 && rt_bits_f64(RT_CONS(f1)->head) == 2.5);
    CHECK(cell_type(K(rt_cons_new(F(1.5), f1))) == F64);
    CHECK(cell_type(K(rt_cons_new(I(1), f1))) == VAL);       /* [1 2.5] */
    CHECK(cell_type(K(rt_cons_new(F(1.0), i1))) == VAL);     /* [1.0 1] */
    CHECK(cell_type(K(rt_cons_new(S("a"), RT_EMPTY))) == VAL);
    rt_val sa = K(rt_cons_new(S("a"), RT_EMPTY));
    CHECK(cell_type(K(rt_cons_new(I(1), sa))) == VAL);
    CHECK(cell_type(K(rt_cons_new(RT_EMPTY, RT_EMPTY))) == VAL);
    CHECK(cell_type(K(rt_cons_new(i1, RT_EMPTY))) == VAL);   /* [[1]] */
    CHECK(cell_type(K(rt_cons_new(RT_TRUE, RT_EMPTY))) == VAL);
    rt_val mixed = CALL("list", I(1), F(2.0));
    CHECK(cell_type(mixed) == VAL && cell_type(rt_tail(mixed)) == F64);
    CHECK_SHOW(mixed, "[1 2.0]");
    rt_val mixed2 = CALL("list", S("a"), I(1), I(2));
    CHECK(cell_type(mixed2) == VAL && all_cells(rt_tail(mixed2), I64));
    CHECK_SHOW(mixed2, "[\"a\" 1 2]");
    /* direct constructors */
    rt_val d = K(rt_cons_new_i64(7, K(rt_cons_new_i64(0x1000, RT_EMPTY))));
    CHECK_CELLS(d, I64);
    CHECK_SHOW(d, "[7 4096]");
    rt_val e = K(rt_cons_new_f64(-0.0, K(rt_cons_new_f64(NAN, K(rt_cons_new_f64(INFINITY, RT_EMPTY))))));
    CHECK_CELLS(e, F64);
    CHECK_SHOW(e, "[-0.0 nan inf]");
    CHECK_SHOW(CALL("list", e, d, RT_EMPTY, mixed), "[[-0.0 nan inf] [7 4096] [] [1 2.0]]");
    CHECK_SHOW(CALL("to-string", e), "[-0.0 nan inf]");
    /* rt_field_get boxes raw heads */
    CHECK(rt_field_get(d, 0) == rt_make_fixnum(7));
    CHECK(rt_field_get(d, 1) == rt_tail(d));
    rt_val h = K(rt_field_get(f1, 0));
    CHECK(rt_is_float(h) && rt_float_value(h) == 2.5);
    CHECK(rt_int_value(K(rt_field_get(big, 0))) == INT64_MIN);
    CHECK(rt_field_get(sa, 0) == RT_CONS(sa)->head);
    /* the builtins that build lists */
    rt_val l = CALL("list", I(1), I(2), I(3));
    CHECK_CELLS(l, I64);
    rt_val fl = CALL("list", F(1.5), F(-2.0), F(0.5));
    CHECK_CELLS(fl, F64);
    CHECK_CELLS(CALL("list", I(1), S("b")), VAL);
    CHECK_CELLS(CALL("cons", I(0), l), I64);
    CHECK(cell_type(CALL("cons", F(0.5), l)) == VAL);
    CHECK_CELLS(CALL("cons", F(0.5), fl), F64);
    CHECK_CELLS(CALL("range", I(5)), I64);
    CHECK_CELLS(CALL("range", I(10), I(0), I(-3)), I64);
    CHECK_SHOW(CALL("range", I(10), I(0), I(-3)), "[10 7 4 1]");
    CHECK_CELLS(CALL("range", I(INT64_MAX - 2), I(INT64_MAX)), I64);
    CHECK_CELLS(CALL("reverse", l), I64);
    CHECK_CELLS(CALL("reverse", fl), F64);
    CHECK_SHOW(CALL("reverse", fl), "[0.5 -2.0 1.5]");
    rt_val rm = CALL("reverse", mixed2);               /* [2 1 "a"]: val cells */
    CHECK_SHOW(rm, "[2 1 \"a\"]");
    CHECK_INV(rm);
    CHECK_CELLS(CALL("append", l, l, CALL("list", I(9))), I64);
    CHECK_CELLS(CALL("append", l, RT_EMPTY), I64);
    CHECK_CELLS(CALL("append", fl, fl), F64);
    rt_val ap = CALL("append", l, CALL("list", S("x")));
    CHECK_CELLS(ap, VAL);
    CHECK_SHOW(ap, "[1 2 3 \"x\"]");
    rt_val ap2 = CALL("append", l, fl);
    CHECK_SHOW(ap2, "[1 2 3 1.5 -2.0 0.5]");
    CHECK_INV(ap2);
    CHECK(cell_type(ap2) == VAL && all_cells(CALL("drop", ap2, I(3)), F64));
    CHECK(CALL("drop", ap2, I(3)) == fl);             /* the last list is shared */
    rt_val ap3 = CALL("append", mixed2, l);            /* ["a" 1 2 1 2 3] */
    CHECK_INV(ap3);
    CHECK(cell_type(ap3) == VAL && all_cells(rt_tail(ap3), I64));
    CHECK_CELLS(CALL("take", l, I(2)), I64);
    CHECK_CELLS(CALL("take", fl, I(9)), F64);
    rt_val tk = CALL("take", mixed2, I(2));            /* ["a" 1] */
    CHECK_SHOW(tk, "[\"a\" 1]");
    CHECK_INV(tk);
    rt_val tk2 = CALL("take", CALL("list", I(1), F(2.0), I(3)), I(1));   /* [1]: an i64 cell, though copied from a val cell */
    CHECK_CELLS(tk2, I64);
    CHECK_CELLS(CALL("sort", CALL("list", I(3), I(1), I(2))), I64);
    CHECK_CELLS(CALL("sort", CALL("list", I(3), I(1), I(2)), B(">")), I64);
    CHECK_CELLS(CALL("sort", fl), F64);
    CHECK_SHOW(CALL("sort", fl), "[-2.0 0.5 1.5]");
    rt_val srt = CALL("sort", CALL("list", I(3), F(1.5), I(2)));
    CHECK_SHOW(srt, "[1.5 2 3]");
    CHECK_INV(srt);
    CHECK(cell_type(srt) == VAL && all_cells(rt_tail(srt), I64));
    CHECK_SHOW(CALL("sort", CALL("list", I(INT64_MAX), I(INT64_MIN), I(0), I(-1))), "[-9223372036854775808 -1 0 9223372036854775807]");
    /* raw sort: stable for equal Floats (0.0 / -0.0), a nan is never less */
    CHECK_SHOW(CALL("sort", CALL("list", F(0.0), F(1.0), F(-0.0), F(-1.0))), "[-1.0 0.0 -0.0 1.0]");
    CHECK_SHOW(CALL("sort", CALL("list", F(-0.0), F(0.0))), "[-0.0 0.0]");
    CHECK_SHOW(CALL("sort", CALL("list", F(2.0), F(NAN), F(1.0))), "[1.0 2.0 nan]");
    CHECK_SHOW(CALL("sort", CALL("list", F(2.0), F(NAN), F(1.0)), B("<")), "[1.0 2.0 nan]");
    CHECK_CELLS(CALL("flatten", CALL("list", l, CALL("list", CALL("list", I(4))), RT_EMPTY)), I64);
    CHECK_SHOW(CALL("flatten", CALL("list", l, CALL("list", CALL("list", I(4))), RT_EMPTY)), "[1 2 3 4]");
    rt_val fm = CALL("flatten", CALL("list", l, fl));
    CHECK_SHOW(fm, "[1 2 3 1.5 -2.0 0.5]");
    CHECK_INV(fm);
    CHECK_CELLS(CALL("flatten", CALL("list", fl, fl)), F64);
    rt_val z = CALL("zip", l, fl);
    CHECK_CELLS(z, VAL);
    CHECK_SHOW(z, "[(tuple 1 1.5) (tuple 2 -2.0) (tuple 3 0.5)]");
    CHECK_CELLS(CALL("string-split", S("a,b,c"), S(",")), VAL);
    CHECK_CELLS(CALL("string-split", S(" a b ")), VAL);
    CHECK_CELLS(CALL("string->list", S("xyz")), VAL);
    CHECK_CELLS(CALL("io:args"), VAL);
    CHECK_CELLS(CALL("apply", B("list"), I(0), l), I64);
    CHECK_CELLS(CALL("apply", B("list"), fl), F64);
    CHECK_SHOW(CALL("apply", B("+"), fl), "0.0");
    CHECK_SHOW(CALL("apply", B("+"), I(1), l), "7");
    CHECK_SHOW(CALL("apply", B("list"), S("s"), fl), "[\"s\" 1.5 -2.0 0.5]");
    /* readers over raw cells */
    CHECK_SHOW(CALL("head", fl), "1.5");
    CHECK_SHOW(CALL("first", l), "1");
    CHECK_SHOW(CALL("tail", fl), "[-2.0 0.5]");
    CHECK_SHOW(CALL("last", fl), "0.5");
    CHECK_SHOW(CALL("nth", fl, I(1)), "-2.0");
    CHECK_SHOW(CALL("nth", l, I(2)), "3");
    CHECK_SHOW(CALL("nth", fl, I(3)), "<error index-out-of-range: index 3 out of range for list of length 3>");
    CHECK_SHOW(CALL("length", fl), "3");
    CHECK_SHOW(CALL("member?", F(2.0), l), "#t");
    CHECK_SHOW(CALL("member?", I(2), l), "#t");
    CHECK_SHOW(CALL("member?", I(-2), fl), "#t");
    CHECK_SHOW(CALL("member?", F(NAN), CALL("list", F(NAN))), "#f");
    CHECK_SHOW(CALL("member?", S("2"), l), "#f");
    CHECK_SHOW(CALL("member?", CALL("list", F(1.0), F(2.0)), CALL("list", S("x"), l)), "#f");
    CHECK_SHOW(CALL("member?", CALL("list", F(1.0), F(2.0), F(3.0)), CALL("list", S("x"), l)), "#t");
    CHECK_SHOW(CALL("sum", l), "6");
    CHECK_SHOW(CALL("sum", fl), "0.0");
    CHECK_SHOW(CALL("sum", CALL("list", F(-0.0))), "0.0");
    CHECK_SHOW(CALL("product", CALL("list", F(-0.0))), "-0.0");
    CHECK_SHOW(CALL("product", fl), "-1.5");
    CHECK_SHOW(CALL("sum", CALL("list", I(INT64_MAX), I(1))), "<error integer-overflow: integer overflow>");
    CHECK_SHOW(CALL("product", CALL("list", I(INT64_MIN), I(-1))), "<error integer-overflow: integer overflow>");
    CHECK_SHOW(CALL("sum", CALL("list", S("a"), I(1))), "<error type-error: 'sum' expects a number, got String \"a\">");
    CHECK_SHOW(CALL("sum", mixed2), "<error type-error: 'sum' expects a number, got String \"a\">");
    CHECK_SHOW(CALL("sum", CALL("list", F(0.5), I(1), I(2))), "3.5");
    CHECK_SHOW(CALL("string-join", l), "<error type-error: 'string-join' expects a String, got Int 1>");
    CHECK_SHOW(CALL("string-join", fl, S(",")), "<error type-error: 'string-join' expects a String, got Float 1.5>");
    /* rt_check_list_repr */
    CHECK(abi_call(11, RT_EMPTY) == RT_EMPTY);
    CHECK(abi_call(12, RT_EMPTY) == RT_EMPTY);
    CHECK(abi_call(11, l) == l);
    CHECK(abi_call(12, fl) == fl);
    CHECK(abi_call(13, mixed) == mixed);
    CHECK_SHOW(abi_call(11, fl), "<error type-error: expected (List Int), got List [1.5 -2.0 0.5]>");
    CHECK_SHOW(abi_call(11, mixed2), "<error type-error: expected (List Int), got List [\"a\" 1 2]>");
    CHECK_SHOW(abi_call(11, mixed), "<error type-error: expected (List Int), got List [1 2.0]>");
    CHECK_SHOW(abi_call(11, S("x")), "<error type-error: expected (List Int), got String \"x\">");
    CHECK_SHOW(abi_call(11, I(5)), "<error type-error: expected (List Int), got Int 5>");
    CHECK_SHOW(abi_call(12, l), "<error type-error: expected (List Float), got List [1 2 3]>");
    CHECK_SHOW(abi_call(12, RT_NIL), "<error type-error: expected (List Float), got Nil nil>");
    CHECK_SHOW(abi_call(12, mixed), "<error type-error: expected (List Float), got List [1 2.0]>");
    CHECK_SHOW(abi_call(13, RT_NIL), "<error type-error: expected List, got Nil nil>");
    CHECK_SHOW(abi_call(4, fl), "[1.5 -2.0 0.5]");       /* rt_check_list takes every cell kind */
    CHECK_SHOW(abi_call(4, l), "[1 2 3]");
    CHECK_SHOW(CALL("list?", fl), "#t");
    CHECK_SHOW(CALL("empty?", l), "#f");
    CHECK_SHOW(CALL("%expect-list", S("map"), fl), "[1.5 -2.0 0.5]");
    /* equality across cell kinds */
    rt_val l1 = CALL("list", I(1)), f1b = CALL("list", F(1.0));
    CHECK(rt_equal(l1, f1b));                          /* [1] == [1.0] */
    CHECK_SHOW(CALL("==", l1, f1b), "#t");
    rt_val hand = val_cell(I(1), val_cell(I(2), val_cell(I(3), RT_EMPTY)));   /* [1 2 3] in val cells */
    CHECK(rt_equal(hand, l) && rt_equal(l, hand));
    CHECK(!rt_equal(hand, CALL("list", I(1), I(2))));
    CHECK(rt_equal(CALL("list", F(1.0), F(2.0), F(3.0)), hand));
    CHECK(rt_equal(l, CALL("list", F(1.0), F(2.0), F(3.0))));
    CHECK(!rt_equal(l, CALL("list", F(1.0), F(2.5), F(3.0))));
    CHECK(!rt_equal(l, CALL("list", I(1), I(2))));
    CHECK(!rt_equal(CALL("list", I(1), I(2)), l));
    CHECK(!rt_equal(l, CALL("list", I(1), I(2), I(4))));
    CHECK(rt_equal(fl, CALL("list", F(1.5), F(-2.0), F(0.5))));
    CHECK(rt_equal(CALL("list", F(-0.0)), CALL("list", F(0.0))));
    CHECK(rt_equal(CALL("list", F(-0.0)), CALL("list", I(0))));
    CHECK(!rt_equal(CALL("list", I(9007199254740993)), CALL("list", F(9007199254740992.0))));
    CHECK(rt_equal(CALL("list", I(INT64_MIN)), CALL("list", F(-9223372036854775808.0))));
    CHECK(!rt_equal(CALL("list", S("1")), l1));
    CHECK(!rt_equal(l1, CALL("list", S("1"))));
    CHECK(!rt_equal(l1, RT_EMPTY));
    CHECK(rt_equal(mixed, CALL("list", F(1.0), I(2))));  /* [1 2.0] == [1.0 2] */
    rt_val nan1 = CALL("list", F(NAN));
    CHECK(!rt_equal(nan1, nan1));
    CHECK(!rt_equal(nan1, CALL("list", F(NAN))));
    CHECK(!rt_equal(CALL("list", I(1), F(NAN)), CALL("list", I(1), F(NAN))));
    CHECK(!rt_equal(val_cell(F(NAN), RT_EMPTY), nan1));
    rt_val nest1 = CALL("list", CALL("list", I(1), I(2)), CALL("list", F(3.0)), RT_EMPTY);
    rt_val nest2 = CALL("list", CALL("list", F(1.0), F(2.0)), CALL("list", I(3)), RT_EMPTY);
    CHECK(rt_equal(nest1, nest2));
    CHECK_SHOW(nest1, "[[1 2] [3.0] []]");
    CHECK_SHOW(nest2, "[[1.0 2.0] [3] []]");
    CHECK(!rt_equal(nest1, CALL("list", CALL("list", I(1), I(2)), CALL("list", F(3.5)), RT_EMPTY)));
    CHECK_SHOW(CALL("!=", l, hand), "#f");
}

/* A tuple descriptor of compiled code: item 0 a raw Int, item 1 a raw
 * Float, item 2 an rt_val; and one whose last item is a raw Float. */
static const rt_type tup_ifv = {.kind = RT_K_TUPLE, .name = "Tuple", .rawmask = 3, .f64mask = 2, .base = &rt_type_tuple};
static const rt_type tup_vf = {.kind = RT_K_TUPLE, .name = "Tuple", .rawmask = 2, .f64mask = 2, .base = &rt_type_tuple};
/* A constructor (Pt Int Float) with its all-val descriptor and one with both fields raw. */
static const rt_type pt = {.kind = RT_K_ADT, .name = "Pt", .nfields = 2, .tag = 0, .base = &pt};
static const rt_type pt_raw = {.kind = RT_K_ADT, .name = "Pt", .nfields = 2, .tag = 0, .rawmask = 3, .f64mask = 2, .base = &pt};
static const rt_type other = {.kind = RT_K_ADT, .name = "Other", .nfields = 2, .tag = 1, .base = &other};
/* 70 fields: bits 0 and 1 raw, fields >= 64 always rt_val */
static const rt_type wide = {.kind = RT_K_ADT, .name = "Wide", .nfields = 70, .tag = 0, .rawmask = 3, .f64mask = 2, .base = &wide};

static rt_val tuple_ifv(int64_t i, double d, rt_val v) {
    rt_val *sp = rt_shadow_sp;
    sp[0] = v;
    rt_shadow_sp = sp + 1;
    rt_val t = rt_record_new(&tup_ifv, 3);
    rt_shadow_sp = sp;
    RT_REC(t)->fields[0] = (uint64_t)i;
    RT_REC(t)->fields[1] = rt_f64_bits(d);
    RT_REC(t)->fields[2] = sp[0];
    return K(t);
}

static rt_val tuple_vf(rt_val v, double d) {
    rt_val *sp = rt_shadow_sp;
    sp[0] = v;
    rt_shadow_sp = sp + 1;
    rt_val t = rt_record_new(&tup_vf, 2);
    rt_shadow_sp = sp;
    RT_REC(t)->fields[0] = sp[0];
    RT_REC(t)->fields[1] = rt_f64_bits(d);
    return K(t);
}

static rt_val pt_new(int64_t x, double y) {
    rt_val p = rt_adt_new(&pt_raw);
    RT_ADT(p)->fields[0] = (uint64_t)x;
    RT_ADT(p)->fields[1] = rt_f64_bits(y);
    return K(p);
}

static void test_raw_records(void) {
    rt_val t = tuple_ifv(0x1000, 2.5, S("s"));
    CHECK_SHOW(t, "(tuple 4096 2.5 \"s\")");
    CHECK_SHOW(CALL("list", t), "[(tuple 4096 2.5 \"s\")]");
    CHECK_SHOW(CALL("to-string", t), "(tuple 4096 2.5 \"s\")");
    CHECK(rt_equal(t, CALL("tuple", I(4096), F(2.5), S("s"))));
    CHECK(rt_equal(CALL("tuple", F(4096.0), I(2), S("s")), t) == 0);
    CHECK(rt_equal(CALL("tuple", F(4096.0), F(2.5), S("s")), t));
    CHECK(!rt_equal(t, CALL("tuple", I(4096), F(2.5), S("t"))));
    CHECK(!rt_equal(t, CALL("tuple", I(4096), S("2.5"), S("s"))));
    CHECK(!rt_equal(t, CALL("tuple", I(4096), F(2.5))));
    CHECK(rt_equal(t, tuple_ifv(4096, 2.5, S("s"))));
    CHECK(!rt_equal(tuple_ifv(1, NAN, S("s")), tuple_ifv(1, NAN, S("s"))));
    CHECK_SHOW(CALL("fst", t), "4096");
    CHECK_SHOW(CALL("snd", t), "2.5");
    CHECK_SHOW(CALL("tuple-ref", t, I(2)), "s");
    CHECK_SHOW(CALL("tuple-ref", t, I(3)), "<error index-out-of-range: index 3 out of range for tuple of length 3>");
    CHECK_SHOW(CALL("tuple?", t), "#t");
    CHECK(rt_field_get(t, 0) == rt_make_fixnum(4096));
    CHECK(rt_float_value(K(rt_field_get(t, 1))) == 2.5);
    CHECK(rt_field_get(t, 2) == RT_REC(t)->fields[2]);
    rt_val t2 = tuple_vf(CALL("list", I(1)), -0.0);        /* the last item raw */
    CHECK_SHOW(t2, "(tuple [1] -0.0)");
    CHECK_SHOW(CALL("list", t2, t2), "[(tuple [1] -0.0) (tuple [1] -0.0)]");
    CHECK(rt_equal(t2, CALL("tuple", CALL("list", F(1.0)), I(0))));
    CHECK(!rt_equal(t2, CALL("tuple", CALL("list", F(1.0)), S("0"))));
    rt_val t3 = tuple_vf(t2, 1.0);                          /* nested through the first item */
    CHECK_SHOW(t3, "(tuple (tuple [1] -0.0) 1.0)");
    CHECK(rt_equal(t3, CALL("tuple", CALL("tuple", CALL("list", I(1)), F(0.0)), I(1))));
    /* constructor values with raw fields: printed and compared by the base descriptor */
    rt_val p = pt_new(0x1000, 1.5);
    CHECK_SHOW(p, "(Pt 4096 1.5)");
    CHECK_SHOW(CALL("list", p, p), "[(Pt 4096 1.5) (Pt 4096 1.5)]");
    rt_val q = K(rt_adt_new(&pt));
    RT_ADT(q)->fields[0] = rt_make_fixnum(4096);
    RT_ADT(q)->fields[1] = F(1.5);
    CHECK_SHOW(q, "(Pt 4096 1.5)");
    CHECK(rt_equal(p, q) && rt_equal(q, p));
    CHECK(rt_equal(p, pt_new(4096, 1.5)));
    CHECK(!rt_equal(p, pt_new(4096, 1.25)));
    CHECK(!rt_equal(p, pt_new(4097, 1.5)));
    CHECK(!rt_equal(pt_new(0, NAN), pt_new(0, NAN)));
    rt_val o = K(rt_adt_new(&other));
    RT_ADT(o)->fields[0] = rt_make_fixnum(4096);
    RT_ADT(o)->fields[1] = F(1.5);
    CHECK(!rt_equal(p, o));
    RT_ADT(q)->fields[1] = S("1.5");
    CHECK(!rt_equal(p, q));
    CHECK(rt_field_get(p, 0) == rt_make_fixnum(4096));
    CHECK(rt_float_value(K(rt_field_get(p, 1))) == 1.5);
    CHECK(!rt_equal(p, t));
    CHECK_SHOW(CALL("%no-match", p), "<error no-match: no pattern matched value (Pt 4096 1.5)>");
    CHECK_SHOW(CALL("%no-match", CALL("list", F(0.5))), "<error no-match: no pattern matched value [0.5]>");
}

/* Raw words that look like pointers never reach the collector: the
 * addresses of dead objects (free slots, header 0: tracing one aborts with
 * "gc found a reference to a freed object") and multiples of 8 such as
 * 0x1000, in i64 / f64 cells, raw tuple items and raw constructor fields,
 * under a collection at every allocation. Returns 1 when every raw word and
 * every traced neighbour survived intact. */
static int raw_gc_scenario(int verbose) {
    rt_gc_set_stress(1);
    rt_val *sp = rt_shadow_reserve(4, LOC);
    for (int i = 0; i < 4; i++) sp[i] = rt_box_float(i + 0.5);
    uint64_t dead[4];
    for (int i = 0; i < 4; i++) dead[i] = sp[i];
    rt_shadow_sp = sp;                        /* the boxes die at the next collection */
    rt_gc_collect();
    rt_val objs[8] = {0};                     /* i64 list, f64 list, tuple, Pt, Wide, range, sort, append */
    objs[0] = objs[1] = RT_EMPTY;
    rt_add_roots(objs, 8);
    for (int i = 0; i < 4; i++) {
        objs[0] = rt_cons_new_i64((int64_t)dead[i], objs[0]);
        objs[0] = rt_cons_new_i64(0x1000 + 8 * i, objs[0]);
        objs[1] = rt_cons_new_f64(rt_bits_f64(dead[i]), objs[1]);
    }
    objs[2] = tuple_ifv((int64_t)dead[0], rt_bits_f64(dead[1]), S("item"));
    objs[3] = pt_new((int64_t)dead[2], rt_bits_f64(dead[3]));
    objs[4] = rt_adt_new(&wide);
    RT_ADT(objs[4])->fields[0] = dead[0];
    RT_ADT(objs[4])->fields[1] = dead[1];
    for (int i = 2; i < 70; i++) {
        char name[16];
        snprintf(name, sizeof name, "f%d", i);
        rt_val s = rt_cstring(name);          /* reachable only from the Wide value */
        RT_ADT(objs[4])->fields[i] = s;
    }
    objs[5] = CALL("range", I(0x1000), I(0x1000 + 8 * 5), I(8));
    objs[6] = CALL("sort", CALL("list", I((int64_t)dead[3]), I((int64_t)dead[1]), I((int64_t)dead[2])));
    objs[7] = CALL("append", CALL("take", objs[0], I(3)), CALL("reverse", objs[1]));
    for (int i = 0; i < 20; i++) {            /* churn that reuses freed slots of other sizes */
        rt_cstring("garbage string of some length");
        CALL("list", S("x"), S("y"));
        rt_gc_collect();
    }
    int ok = 1;
    rt_val v = objs[0];
    for (int i = 3; i >= 0; i--) {
        ok &= rt_type_of(v) == &rt_type_cons_i64 && RT_CONS(v)->head == 0x1000 + 8 * (uint64_t)i;
        v = rt_tail(v);
        ok &= RT_CONS(v)->head == dead[i];
        v = rt_tail(v);
    }
    ok &= v == RT_EMPTY;
    v = objs[1];
    for (int i = 3; i >= 0; i--, v = rt_tail(v)) ok &= rt_type_of(v) == &rt_type_cons_f64 && RT_CONS(v)->head == dead[i];
    ok &= RT_REC(objs[2])->fields[0] == dead[0] && RT_REC(objs[2])->fields[1] == dead[1];
    ok &= strcmp(rt_string_bytes(RT_REC(objs[2])->fields[2]), "item") == 0;
    ok &= RT_ADT(objs[3])->fields[0] == dead[2] && RT_ADT(objs[3])->fields[1] == dead[3];
    ok &= RT_ADT(objs[4])->fields[0] == dead[0] && RT_ADT(objs[4])->fields[1] == dead[1];
    for (int i = 2; i < 70; i++) {
        char name[16];
        snprintf(name, sizeof name, "f%d", i);
        rt_val s = RT_ADT(objs[4])->fields[i];
        ok &= rt_is_string(s) && strcmp(rt_string_bytes(s), name) == 0;
    }
    ok &= strcmp(show(objs[5]), "[4096 4104 4112 4120 4128]") == 0 && all_cells(objs[5], &rt_type_cons_i64);
    uint64_t lo = dead[1] < dead[2] ? dead[1] : dead[2], hi = dead[1] < dead[2] ? dead[2] : dead[1];
    uint64_t s0 = dead[3] < lo ? dead[3] : lo, s2 = dead[3] > hi ? dead[3] : hi;
    ok &= all_cells(objs[6], &rt_type_cons_i64) && RT_CONS(objs[6])->head == s0 &&
          RT_CONS(rt_tail(rt_tail(objs[6])))->head == s2;
    ok &= rt_type_of(objs[7]) == &rt_type_cons && RT_CONS(objs[7])->head == rt_make_fixnum(0x1018) &&
          rt_equal(CALL("drop", objs[7], I(3)), CALL("reverse", objs[1]));
    if (verbose) {
        printf("%s\n", show(CALL("take", objs[0], I(1))));
        printf("%s\n", show(objs[5]));
        printf("%s %s\n", rt_string_bytes(RT_ADT(objs[4])->fields[69]), show(CALL("tuple-ref", objs[2], I(2))));
        printf("%s\n", ok ? "raw words intact" : "CORRUPTED");
    }
    rt_remove_roots(objs);
    rt_gc_set_stress(0);
    return ok;
}

static void test_raw_gc(void) {
    CHECK(raw_gc_scenario(0));
}

/* ---- GC ---------------------------------------------------------------------------------- */

static void test_gc_basics(void) {
    rt_gc_stats st0, st1;
    rt_val keep = CALL("list", I(1), S("two"), F(3.0));
    RT_PUSH_ROOT(keep);
    rt_gc_collect();
    rt_gc_get_stats(&st0);
    for (int i = 0; i < 100000; i++) rt_cons_new(I(i), RT_EMPTY);
    rt_gc_collect();
    rt_gc_get_stats(&st1);
    CHECK(st1.live_bytes <= st0.live_bytes + 1024);
    CHECK_SHOW(keep, "[1 \"two\" 3.0]");
    rt_pop_roots(1);
    /* a registered root range and the extra-roots callback */
    static rt_val globals[2];
    globals[0] = S("global");
    rt_add_roots(globals, 2);
    rt_gc_collect();
    CHECK_SHOW(globals[0], "global");
    rt_remove_roots(globals);
    /* large objects: allocate, free, reuse */
    rt_gc_get_stats(&st0);
    for (int i = 0; i < 200; i++) {
        rt_val big = rt_string_alloc(1 << 20);
        memset(RT_STR(big)->bytes, 'x', 1 << 20);
    }
    rt_gc_collect();
    rt_gc_get_stats(&st1);
    CHECK(st1.live_bytes <= st0.live_bytes + 4096);
    rt_val big = rt_string_alloc(100000);
    RT_PUSH_ROOT(big);
    memset(RT_STR(big)->bytes, 'y', 100000);
    rt_string_finish(big);
    rt_gc_collect();
    CHECK(RT_STR(big)->nchars == 100000 && RT_STR(big)->bytes[99999] == 'y');
    rt_pop_roots(1);
}

static rt_val extra_val;
static void scan_extra(void *ctx) { (void)ctx; rt_gc_mark_val(extra_val); }

static void test_gc_extra_roots(void) {
    extra_val = CALL("list", S("a"), S("b"));
    rt_set_extra_roots(scan_extra, NULL);
    for (int i = 0; i < 5; i++) rt_gc_collect();
    CHECK_SHOW(extra_val, "[\"a\" \"b\"]");
    rt_set_extra_roots(NULL, NULL);
}

/* A 1,000,000-element list: marking, printing, equality and length must not recurse per element. */
static void test_long_list(void) {
    rt_val l = RT_EMPTY, m = RT_EMPTY;
    RT_PUSH_ROOT(l);
    RT_PUSH_ROOT(m);
    for (int i = 0; i < 1000000; i++) {
        l = rt_cons_new(I(i), l);
        m = rt_cons_new(F(i), m);
    }
    rt_gc_collect();
    CHECK(rt_equal(l, m));
    rt_val s = rt_to_string(l);
    CHECK(RT_STR(s)->nbytes > 6000000);
    CHECK(strncmp(RT_STR(s)->bytes, "[999999 999998 ", 15) == 0);
    CHECK_SHOW(CALL("length", l), "1000000");
    CHECK_SHOW(CALL("last", l), "0");
    rt_val r = CALL("reverse", l);
    CHECK_SHOW(CALL("head", r), "0");
    rt_pop_roots(2);
    /* deeply nested in the last field of ADT records: iterative too */
    static const rt_type node = {.kind = RT_K_ADT, .name = "Cons", .nfields = 2, .tag = 1, .base = &node},
                         nil = {.kind = RT_K_ADT, .name = "Nil", .nfields = 0, .tag = 0, .base = &nil};
    rt_val t = rt_adt_new(&nil);
    RT_PUSH_ROOT(t);
    for (int i = 0; i < 1000000; i++) {
        rt_val c = rt_adt_new(&node);
        RT_ADT(c)->fields[0] = rt_make_fixnum(i);
        RT_ADT(c)->fields[1] = t;
        t = c;
    }
    rt_gc_collect();
    CHECK(rt_equal(t, t));
    rt_val ts = rt_to_string(t);
    CHECK(strncmp(RT_STR(ts)->bytes, "(Cons 999999 (Cons 999998 ", 26) == 0);
    CHECK(RT_STR(ts)->bytes[RT_STR(ts)->nbytes - 1] == ')');
    rt_pop_roots(1);
}

/* Builtins with a collection at every allocation. */
static void test_stress(void) {
    memset(keep, 0, sizeof keep);      /* drop the big lists of earlier tests */
    rt_gc_set_stress(1);
    rt_val l = CALL("list", S("a"), F(1.5), I(INT64_MAX), CALL("list", S("b")));
    RT_PUSH_ROOT(l);
    CHECK_SHOW(l, "[\"a\" 1.5 9223372036854775807 [\"b\"]]");
    CHECK_SHOW(CALL("append", l, l, CALL("list", F(2.5))),
               "[\"a\" 1.5 9223372036854775807 [\"b\"] \"a\" 1.5 9223372036854775807 [\"b\"] 2.5]");
    CHECK_SHOW(CALL("reverse", l), "[[\"b\"] 9223372036854775807 1.5 \"a\"]");
    CHECK_SHOW(CALL("concat", S("x"), S("y"), S("z")), "xyz");
    CHECK_SHOW(CALL("+", F(1.5), F(2.5), I(INT64_MAX)), "9.223372036854776e+18");
    CHECK_SHOW(CALL("tuple", S("a"), F(1.0)), "(tuple \"a\" 1.0)");
    CHECK_SHOW(CALL("/", I(1), I(0)), "<error division-by-zero: division by zero>");
    CHECK_SHOW(CALL("+", I(1), S("x")), "<error type-error: '+' expects a number, got String \"x\">");
    rt_val st = CALL("state:new", S("v"));
    RT_PUSH_ROOT(st);
    CALL("state:update", st, B("to-string"));
    CHECK_SHOW(CALL("state:get", st), "v");
    CHECK_SHOW(CALL("io:args"), "[\"arg1\" \"arg two\"]");
    CHECK_SHOW(CALL("to-string", l), "[\"a\" 1.5 9223372036854775807 [\"b\"]]");
    CHECK_SHOW(CALL("string->number", S("2.5")), "2.5");
    rt_val nested = RT_EMPTY;
    RT_PUSH_ROOT(nested);
    for (int i = 0; i < 300; i++) nested = CALL("cons", F(i), nested);
    CHECK_SHOW(CALL("length", nested), "300");
    CHECK_SHOW(CALL("head", nested), "299.0");
    /* the builtins of builtins_list.c / builtins_string.c / builtins_fn.c */
    CHECK_SHOW(CALL("range", I(RT_FIXNUM_MAX), I(RT_FIXNUM_MAX + 3)),
               "[4611686018427387903 4611686018427387904 4611686018427387905]");
    CHECK_SHOW(CALL("take", CALL("list", S("a"), F(1.0), S("b")), I(2)), "[\"a\" 1.0]");
    CHECK_SHOW(CALL("zip", CALL("list", S("a"), F(1.0)), CALL("list", F(2.0), S("b"), S("c"))),
               "[(tuple \"a\" 2.0) (tuple 1.0 \"b\")]");
    CHECK_SHOW(CALL("sum", CALL("list", F(1.5), I(INT64_MAX), F(2.0))), "9.223372036854776e+18");
    CHECK_SHOW(CALL("product", CALL("list", I(RT_FIXNUM_MAX), I(2))), "9223372036854775806");
    CHECK_SHOW(CALL("flatten", CALL("list", CALL("list", S("a"), CALL("list", F(1.0))), S("b"), CALL("list", F(2.0)))),
               "[\"a\" 1.0 \"b\" 2.0]");
    rt_val fl = K(rt_closure_new((void *)fst_less_generic, &fst_less_info));
    rt_val pairs = CALL("list", CALL("tuple", F(2.0), S("a")), CALL("tuple", F(1.0), S("b")), CALL("tuple", F(2.0), S("c")),
                        CALL("tuple", F(0.5), S("d")));
    CHECK_SHOW(CALL("sort", pairs, fl), "[(tuple 0.5 \"d\") (tuple 1.0 \"b\") (tuple 2.0 \"a\") (tuple 2.0 \"c\")]");
    CHECK_SHOW(CALL("sort", CALL("list", F(3.5), S("x"))), "<error type-error: 'sort' expects a number, got String \"x\">");
    CHECK_SHOW(CALL("sort", CALL("list", F(3.5), I(1), F(-2.0), I(INT64_MAX))), "[-2.0 1 3.5 9223372036854775807]");
    CHECK_SHOW(CALL("string-split", S("a, b,,c"), S(",")), "[\"a\" \" b\" \"\" \"c\"]");
    CHECK_SHOW(CALL("string-split", S(" x  yz ")), "[\"x\" \"yz\"]");
    CHECK_SHOW(CALL("string->list", S("hé!")), "[\"h\" \"é\" \"!\"]");
    CHECK_SHOW(CALL("string-join", CALL("string->list", S("abc")), S("-")), "a-b-c");
    CHECK_SHOW(CALL("substring", S("héllo"), I(1), I(3)), "él");
    CHECK_SHOW(CALL("string-upcase", S("abc")), "ABC");
    CHECK_SHOW(CALL("string-trim", S("  t  ")), "t");
    CHECK_SHOW(CALL("string-ref", S("héllo"), I(1)), "é");
    CHECK_SHOW(CALL("int->char", I(0x1F600)), "😀");
    CHECK_SHOW(CALL("number->string", F(2.5)), "2.5");
    rt_val f = CALL("compose", B("to-string"), CALL("partial", B("tuple"), S("p"), F(1.0)));
    CHECK_SHOW(CALLF(f, S("q"), F(2.0)), "(tuple \"p\" 1.0 \"q\" 2.0)");
    CHECK_SHOW(CALL("apply", B("list"), S("a"), F(1.0), CALL("list", S("b"), F(2.0))), "[\"a\" 1.0 \"b\" 2.0]");
    CHECK_SHOW(CALL("apply", f, S("r"), CALL("list", F(3.0))), "(tuple \"p\" 1.0 \"r\" 3.0)");
    /* lists of raw cells and records with raw fields */
    rt_val il = CALL("range", I(RT_FIXNUM_MAX - 1), I(RT_FIXNUM_MAX + 2));
    CHECK(all_cells(il, &rt_type_cons_i64));
    CHECK_SHOW(il, "[4611686018427387902 4611686018427387903 4611686018427387904]");
    rt_val fs = CALL("list", F(2.5), F(-1.0), F(0.25));
    CHECK(all_cells(fs, &rt_type_cons_f64));
    CHECK_SHOW(CALL("sort", fs), "[-1.0 0.25 2.5]");
    CHECK_SHOW(CALL("sort", fs, B(">")), "[2.5 0.25 -1.0]");
    CHECK_SHOW(CALL("reverse", il), "[4611686018427387904 4611686018427387903 4611686018427387902]");
    CHECK_SHOW(CALL("append", il, fs, CALL("list", S("z"))),
               "[4611686018427387902 4611686018427387903 4611686018427387904 2.5 -1.0 0.25 \"z\"]");
    CHECK(invariant_ok(CALL("append", fs, il)));
    CHECK_SHOW(CALL("take", fs, I(2)), "[2.5 -1.0]");
    CHECK_SHOW(CALL("zip", il, fs), "[(tuple 4611686018427387902 2.5) (tuple 4611686018427387903 -1.0) (tuple 4611686018427387904 0.25)]");
    CHECK_SHOW(CALL("flatten", CALL("list", fs, CALL("list", il), S("s"))),
               "[2.5 -1.0 0.25 4611686018427387902 4611686018427387903 4611686018427387904 \"s\"]");
    CHECK_SHOW(CALL("apply", B("list"), F(0.5), fs), "[0.5 2.5 -1.0 0.25]");
    CHECK_SHOW(CALL("apply", B("+"), il), "<error integer-overflow: integer overflow>");
    CHECK_SHOW(CALL("sum", fs), "1.75");
    CHECK_SHOW(CALL("head", il), "4611686018427387902");
    CHECK_SHOW(CALL("last", il), "4611686018427387904");
    CHECK_SHOW(CALL("member?", I(RT_FIXNUM_MAX + 1), il), "#t");
    CHECK(rt_equal(fs, CALL("list", F(2.5), F(-1.0), F(0.25))));
    CHECK(rt_equal(CALL("list", I(1), I(2)), CALL("list", F(1.0), F(2.0))));
    rt_val rt = tuple_ifv(RT_FIXNUM_MAX + 1, 0.5, CALL("list", F(1.0)));
    CHECK_SHOW(CALL("list", rt, pt_new(0x1000, -2.5)), "[(tuple 4611686018427387904 0.5 [1.0]) (Pt 4096 -2.5)]");
    CHECK_SHOW(CALL("fst", rt), "4611686018427387904");
    CHECK_SHOW(CALL("snd", rt), "0.5");
    CHECK(rt_equal(pt_new(0x1000, -2.5), pt_new(0x1000, -2.5)));
    rt_pop_roots(3);
    rt_gc_set_stress(0);
}

static void run_unit(void *ctx) {
    (void)ctx;
    test_floats();
    test_printing();
    test_equality();
    test_arithmetic();
    test_comparisons();
    test_numbers();
    test_predicates();
    test_lists();
    test_strings();
    test_more_lists();
    test_more_strings();
    test_functions();
    test_errors();
    test_abi();
    test_list_repr();
    test_raw_records();
    test_raw_gc();
    test_gc_basics();
    test_gc_extra_roots();
    if (!stressed()) test_long_list();   /* quadratic under stress */
    test_stress();
}

/* ---- process-level modes ---------------------------------------------------------------- */

static rt_val rec_generic(rt_val self, int64_t argc, const rt_val *argv, const char *loc) {
    (void)argc;
    int64_t n = rt_fixnum_value(argv[0]);
    if (n == 0) return rt_make_fixnum(0);
    rt_val a = rt_make_fixnum(n - 1);
    rt_val r = rt_apply(self, 1, &a, loc);       /* not a tail call */
    return rt_add2(r, rt_make_fixnum(1), loc);
}
static const rt_fninfo rec_info = {rec_generic, "rec", 1, 1, 0, 0, 0};

static void deep_recursion(void *ctx) {
    int64_t n = *(int64_t *)ctx;
    rt_val f = K(rt_closure_new((void *)rec_generic, &rec_info));
    rt_val a = rt_make_fixnum(n);
    rt_val r = rt_apply(f, 1, &a, "deep.cl:3:5");
    rt_print_values(1, &r);
}

static void catch_overflow(void *ctx) {
    (void)ctx;
    rt_val f = K(rt_closure_new((void *)rec_generic, &rec_info));
    rt_val e = call(f, 1, (rt_val[]){rt_make_fixnum(INT64_C(1) << 40)});
    rt_print_values(1, &e);
    rt_val r = CALL("+", I(1), I(2));     /* still usable afterwards */
    rt_print_values(1, &r);
}

static void uncaught(void *ctx) {
    (void)ctx;
    rt_val s = S("before the error");
    rt_print_values(1, &s);
    rt_val a[2] = {I(1), I(0)};
    rt_b_div(RT_NIL, 2, a, "prog.cl:4:3");
}

static void exit_code(void *ctx) {
    (void)ctx;
    rt_val s = S("bye");
    rt_print_values(1, &s);
    rt_val a = I(3);
    rt_b_io_exit(RT_NIL, 1, &a, NULL);
}

static void segfault(void *ctx) {
    (void)ctx;
    rt_val s = S("out");
    rt_print_values(1, &s);
    volatile uintptr_t bad = 16;
    *(volatile int *)bad = 1;
}

static void shadow_overrun(void *ctx) {
    (void)ctx;
    for (;;) *rt_shadow_sp++ = RT_NIL;      /* unchecked pushes run into the guard */
}

static void raise_uncaught(void *ctx) {
    (void)ctx;
    rt_val a[2] = {S("my-error"), S("something bad")};
    rt_b_error_raise(RT_NIL, 2, a, "r.cl:9:1");
}

static void alloc_churn(void *ctx) {
    (void)ctx;
    rt_val live = RT_EMPTY;
    RT_PUSH_ROOT(live);
    for (long i = 0; i < 10000000; i++) {
        rt_val c = rt_cons_new(rt_box_float((double)i), RT_EMPTY);
        if (i % 100000 == 0) live = rt_cons_new(c, live);   /* a small live set */
    }
    rt_pop_roots(1);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    rt_gc_stats st;
    rt_gc_get_stats(&st);
    printf("churn: objects=20000000 allocated=%llu collections=%llu maxrss=%ldKB\n",
           (unsigned long long)st.allocated_bytes, (unsigned long long)st.collections, ru.ru_maxrss);
    if (ru.ru_maxrss > 50 * 1024) {
        printf("RSS too high\n");
        rt_exit(1);
    }
}

static void list_repr_uncaught(void *ctx) {
    (void)ctx;
    rt_val l = CALL("list", F(1.5), F(2.0));
    rt_check_list_repr(l, RT_R_F64, "l.cl:1:1");     /* passes */
    rt_check_list_repr(l, RT_R_I64, "l.cl:2:7");
}

static void raw_gc(void *ctx) {
    (void)ctx;
    rt_exit(raw_gc_scenario(1) ? 0 : 1);
}

static void exhaust(void *ctx) {
    (void)ctx;
    rt_val live = RT_EMPTY;
    RT_PUSH_ROOT(live);
    for (;;) live = rt_cons_new(rt_box_float(1.0), live);
}

int main(int argc, char **argv) {
    const char *mode = argc > 1 ? argv[1] : "unit";
    const char *args[] = {"arg1", "arg two"};
    rt_init(argc, argv);
    rt_set_args(2, args);
    if (!strcmp(mode, "unit")) {
        int st = rt_run(run_unit, NULL);
        if (argc > 2) test_floats_file(argv[2]);
        printf("%d checks, %d failures (status %d)\n", checks, failures, st);
        return failures || st ? 1 : 0;
    }
    int64_t depth = 1000000;
    if (!strcmp(mode, "deep")) return rt_run(deep_recursion, &depth);
    if (!strcmp(mode, "overflow")) { depth = INT64_C(1) << 40; return rt_run(deep_recursion, &depth); }
    if (!strcmp(mode, "catch-overflow")) return rt_run(catch_overflow, NULL);
    if (!strcmp(mode, "uncaught")) return rt_run(uncaught, NULL);
    if (!strcmp(mode, "exit")) return rt_run(exit_code, NULL);
    if (!strcmp(mode, "segv")) return rt_run(segfault, NULL);
    if (!strcmp(mode, "shadow")) return rt_run(shadow_overrun, NULL);
    if (!strcmp(mode, "raise")) return rt_run(raise_uncaught, NULL);
    if (!strcmp(mode, "churn")) return rt_run(alloc_churn, NULL);
    if (!strcmp(mode, "oom")) return rt_run(exhaust, NULL);
    if (!strcmp(mode, "list-repr")) return rt_run(list_repr_uncaught, NULL);
    if (!strcmp(mode, "raw-gc")) return rt_run(raw_gc, NULL);
    if (!strcmp(mode, "main")) return rt_main(argc, argv, uncaught);
    fprintf(stderr, "unknown mode %s\n", mode);
    return 2;
}
#endif
