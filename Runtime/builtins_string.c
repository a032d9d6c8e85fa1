/* builtins_string.c — string builtins. */
#include "rt_internal.h"
#include <locale.h>
#include <stdlib.h>

/* All arguments must be Strings; the result is allocated once. */
static rt_val concat(int64_t argc, const rt_val *argv, const char *name, const char *loc) {
    int64_t nbytes = 0, nchars = 0;
    for (int64_t i = 0; i < argc; i++) {
        const rt_string *s = rt_string_arg(argv[i], name, loc);
        nbytes += s->nbytes;
        nchars += s->nchars;
    }
    if (argc == 1) return argv[0];
    rt_val r = rt_string_alloc(nbytes);
    char *p = RT_STR(r)->bytes;
    for (int64_t i = 0; i < argc; i++) {
        memcpy(p, RT_STR(argv[i])->bytes, (size_t)RT_STR(argv[i])->nbytes);
        p += RT_STR(argv[i])->nbytes;
    }
    *p = 0;
    RT_STR(r)->nchars = nchars;
    return r;
}

RT_BUILTIN(concat) { return concat(argc, argv, "concat", loc); }
RT_BUILTIN(string_concat) { return concat(argc, argv, "string-concat", loc); }
RT_BUILTIN(string_length) { return rt_box_int(rt_string_arg(argv[0], "string-length", loc)->nchars); }

/* ---- string->number: the literal syntax of §1 ---------------------------------------- */

static int is_digit(char c, int base) {
    if (c >= '0' && c <= '9') return 1;
    return base == 16 && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
}

static int digit_value(char c) {
    return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

/* Copies a run of digits (underscores allowed between digits) from *p into
 * out, dropping the underscores; returns the number of digits, 0 if none or
 * if an underscore is misplaced. */
static size_t digit_run(const char **p, const char *end, int base, char *out, size_t *outlen) {
    const char *s = *p;
    size_t n = 0;
    while (s < end && (is_digit(*s, base) || *s == '_')) {
        if (*s == '_') {
            if (n == 0 || s + 1 >= end || !is_digit(s[1], base)) return 0;
        } else {
            out[(*outlen)++] = *s;
            n++;
        }
        s++;
    }
    *p = s;
    return n;
}

/* Magnitude of digits in base, up to limit; 0 on overflow. */
static int accumulate(const char *digits, size_t n, int base, uint64_t limit, uint64_t *out) {
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t d = (uint64_t)digit_value(digits[i]);
        if (v > (limit - d) / (uint64_t)base) return 0;
        v = v * (uint64_t)base + d;
    }
    *out = v;
    return 1;
}

static rt_val parse_number(const char *s, size_t len) {
    const char *end = s + len;
    while (s < end && (*s == ' ' || (*s >= '\t' && *s <= '\r'))) s++;
    while (end > s && (end[-1] == ' ' || (end[-1] >= '\t' && end[-1] <= '\r'))) end--;
    int neg = 0;
    if (s < end && (*s == '-' || *s == '+')) neg = *s++ == '-';
    size_t n = (size_t)(end - s), outlen = 0;
    char *buf = malloc(n + 2);
    if (!buf) return RT_NIL;
    rt_val result = RT_NIL;
    uint64_t limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX, mag;
    if (n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        const char *p = s + 2;
        size_t nd = digit_run(&p, end, 16, buf, &outlen);
        if (nd && p == end && accumulate(buf, nd, 16, limit, &mag))
            result = rt_box_int(neg ? (int64_t)(0 - mag) : (int64_t)mag);
        free(buf);
        return result;
    }
    const char *p = s;
    int is_float = 0;
    size_t nd = digit_run(&p, end, 10, buf, &outlen);
    if (nd && p < end && *p == '.') {
        buf[outlen++] = *p++;
        is_float = 1;
        if (!digit_run(&p, end, 10, buf, &outlen)) nd = 0;
    }
    if (nd && p < end && (*p == 'e' || *p == 'E')) {
        buf[outlen++] = *p++;
        is_float = 1;
        if (p < end && (*p == '+' || *p == '-')) buf[outlen++] = *p++;
        if (!digit_run(&p, end, 10, buf, &outlen)) nd = 0;
    }
    if (nd && p == end) {
        buf[outlen] = 0;
        if (is_float) {
            static locale_t c_locale;
            if (!c_locale) c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
            double d = c_locale ? strtod_l(buf, NULL, c_locale) : strtod(buf, NULL);
            result = rt_box_float(neg ? -d : d);
        } else if (accumulate(buf, nd, 10, limit, &mag)) {
            result = rt_box_int(neg ? (int64_t)(0 - mag) : (int64_t)mag);
        }
    }
    free(buf);
    return result;
}

RT_BUILTIN(string_to_number) {
    const rt_string *s = rt_string_arg(argv[0], "string->number", loc);
    return parse_number(s->bytes, (size_t)s->nbytes);
}
