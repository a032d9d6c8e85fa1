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
    static const rt_type some = {RT_K_ADT, 0, "Some", 1, 1}, none = {RT_K_ADT, 0, "None", 0, 0};
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
    static const rt_type node = {RT_K_ADT, 0, "Cons", 2, 1}, nil = {RT_K_ADT, 0, "Nil", 0, 0};
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
    if (!strcmp(mode, "main")) return rt_main(argc, argv, uncaught);
    fprintf(stderr, "unknown mode %s\n", mode);
    return 2;
}
#endif
