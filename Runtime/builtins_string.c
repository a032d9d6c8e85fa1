/* builtins_string.c — string builtins. */
#include "rt_internal.h"
#include <locale.h>
#include <stdio.h>
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


/* ---- substring, case, split/join, trim, search, characters ---------------------------- */

static int is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

/* Byte length of the UTF-8 sequence whose first byte is c (1 for a stray byte). */
static int64_t utf8_len(unsigned char c) {
    if (c < 0xC0) return 1;
    if (c < 0xE0) return 2;
    if (c < 0xF0) return 3;
    return 4;
}

/* The byte offset k scalar values after byte offset off in s (stops at the end). */
static int64_t advance(const rt_string *s, int64_t off, int64_t k) {
    if (s->nbytes == s->nchars) return off + k;    /* ASCII */
    for (; k > 0 && off < s->nbytes; k--) {
        off++;
        while (off < s->nbytes && ((unsigned char)s->bytes[off] & 0xC0) == 0x80) off++;
    }
    return off;
}

_Noreturn static void string_index_error(int64_t i, int64_t len, const char *loc) {
    char msg[112];
    snprintf(msg, sizeof msg, "index %lld out of range for string of length %lld", (long long)i, (long long)len);
    rt_error("index-out-of-range", msg, loc);
}

/* A new string of bytes [from, to) of s. s (an argument, so rooted) does not move. */
static rt_val slice(rt_val s, int64_t from, int64_t to) {
    return rt_string_new(RT_STR(s)->bytes + from, to - from);
}

RT_BUILTIN(substring) {
    const rt_string *s = rt_string_arg(argv[0], "substring", loc);
    int64_t start = rt_int_arg(argv[1], "substring", loc);
    int64_t end = argc > 2 ? rt_int_arg(argv[2], "substring", loc) : s->nchars;
    if (start < 0 || start > s->nchars) string_index_error(start, s->nchars, loc);
    if (end < start || end > s->nchars) string_index_error(end, s->nchars, loc);
    int64_t from = advance(s, 0, start);
    return slice(argv[0], from, advance(s, from, end - start));
}

RT_BUILTIN(string_ref) {
    const rt_string *s = rt_string_arg(argv[0], "string-ref", loc);
    int64_t i = rt_int_arg(argv[1], "string-ref", loc);
    if (i < 0 || i >= s->nchars) string_index_error(i, s->nchars, loc);
    int64_t from = advance(s, 0, i);
    return slice(argv[0], from, advance(s, from, 1));
}

/* ASCII letters change case; every other byte is copied. */
static rt_val map_case(rt_val v, int upper, const char *name, const char *loc) {
    rt_string_arg(v, name, loc);
    rt_val r = rt_string_alloc(RT_STR(v)->nbytes);
    const char *p = RT_STR(v)->bytes;
    char *q = RT_STR(r)->bytes;
    for (int64_t i = 0; i < RT_STR(v)->nbytes; i++) {
        char c = p[i];
        if (upper && c >= 'a' && c <= 'z') c -= 'a' - 'A';
        else if (!upper && c >= 'A' && c <= 'Z') c += 'a' - 'A';
        q[i] = c;
    }
    q[RT_STR(v)->nbytes] = 0;
    RT_STR(r)->nchars = RT_STR(v)->nchars;
    return r;
}

RT_BUILTIN(string_upcase) { return map_case(argv[0], 1, "string-upcase", loc); }
RT_BUILTIN(string_downcase) { return map_case(argv[0], 0, "string-downcase", loc); }

/* The one-character strings of s, in order. */
static rt_val characters(rt_val s) {
    rt_lbuild out;
    rt_lb_init(&out);
    int64_t n = RT_STR(s)->nbytes;
    for (int64_t off = 0; off < n;) {
        int64_t next = advance(RT_STR(s), off, 1);
        rt_lb_add(&out, slice(s, off, next));
        off = next;
    }
    return rt_lb_finish(&out);
}

/* (string-split s sep): empty fields kept, an empty sep gives the characters;
 * (string-split s): fields separated by runs of ASCII whitespace, none empty. */
RT_BUILTIN(string_split) {
    rt_val s = argv[0];
    const rt_string *str = rt_string_arg(s, "string-split", loc);
    int64_t n = str->nbytes;
    rt_lbuild out;
    if (argc > 1) {
        const rt_string *sep = rt_string_arg(argv[1], "string-split", loc);
        if (sep->nbytes == 0) return characters(s);
        rt_lb_init(&out);
        int64_t from = 0;
        for (;;) {
            const char *hit = memmem(str->bytes + from, (size_t)(n - from), sep->bytes, (size_t)sep->nbytes);
            int64_t to = hit ? hit - str->bytes : n;
            rt_lb_add(&out, slice(s, from, to));
            if (!hit) break;
            from = to + sep->nbytes;
        }
        return rt_lb_finish(&out);
    }
    rt_lb_init(&out);
    for (int64_t i = 0;;) {
        while (i < n && is_space(str->bytes[i])) i++;
        if (i == n) break;
        int64_t start = i;
        while (i < n && !is_space(str->bytes[i])) i++;
        rt_lb_add(&out, slice(s, start, i));
    }
    return rt_lb_finish(&out);
}

/* The strings of list xs joined by the separator sep[0..sepn) of sepc scalars. */
static rt_val join(rt_val xs, const char *sep, int64_t sepn, int64_t sepc, const char *name, const char *loc) {
    int64_t nbytes = 0, nchars = 0, count = 0;
    for (rt_val v = rt_list_arg(xs, name, loc); rt_is_cons(v); v = rt_tail(v)) {
        const rt_string *s = rt_string_arg(rt_head(v), name, loc);
        nbytes += s->nbytes;
        nchars += s->nchars;
        count++;
    }
    if (count > 1) {
        nbytes += sepn * (count - 1);
        nchars += sepc * (count - 1);
    }
    rt_val r = rt_string_alloc(nbytes);    /* xs and sep belong to arguments: rooted */
    char *p = RT_STR(r)->bytes;
    for (rt_val v = xs; rt_is_cons(v); v = rt_tail(v)) {
        if (v != xs && sepn) {
            memcpy(p, sep, (size_t)sepn);
            p += sepn;
        }
        const rt_string *s = RT_STR(rt_head(v));
        memcpy(p, s->bytes, (size_t)s->nbytes);
        p += s->nbytes;
    }
    *p = 0;
    RT_STR(r)->nchars = nchars;
    return r;
}

RT_BUILTIN(string_join) {
    if (argc < 2) return join(argv[0], " ", 1, 1, "string-join", loc);
    const rt_string *sep = rt_string_arg(argv[1], "string-join", loc);
    return join(argv[0], sep->bytes, sep->nbytes, sep->nchars, "string-join", loc);
}

RT_BUILTIN(list_to_string) { return join(argv[0], "", 0, 0, "list->string", loc); }

RT_BUILTIN(string_trim) {
    const rt_string *s = rt_string_arg(argv[0], "string-trim", loc);
    int64_t from = 0, to = s->nbytes;
    while (from < to && is_space(s->bytes[from])) from++;
    while (to > from && is_space(s->bytes[to - 1])) to--;
    if (from == 0 && to == s->nbytes) return argv[0];
    return slice(argv[0], from, to);
}

RT_BUILTIN(string_contains_p) {
    const rt_string *s = rt_string_arg(argv[0], "string-contains?", loc);
    const rt_string *sub = rt_string_arg(argv[1], "string-contains?", loc);
    return rt_bool(memmem(s->bytes, (size_t)s->nbytes, sub->bytes, (size_t)sub->nbytes) != NULL);
}

RT_BUILTIN(string_starts_with_p) {
    const rt_string *s = rt_string_arg(argv[0], "string-starts-with?", loc);
    const rt_string *prefix = rt_string_arg(argv[1], "string-starts-with?", loc);
    return rt_bool(prefix->nbytes <= s->nbytes && memcmp(s->bytes, prefix->bytes, (size_t)prefix->nbytes) == 0);
}

RT_BUILTIN(string_to_list) {
    rt_string_arg(argv[0], "string->list", loc);
    return characters(argv[0]);
}

RT_BUILTIN(number_to_string) {
    if (!rt_is_number(argv[0])) rt_error_type("number->string", "a number", argv[0], loc);
    return rt_to_string(argv[0]);
}

/* The code point of a one-character string. */
RT_BUILTIN(char_to_int) {
    rt_val v = argv[0];
    if (!rt_is_string(v) || RT_STR(v)->nchars != 1) rt_error_type("char->int", "a one-character String", v, loc);
    const unsigned char *p = (const unsigned char *)RT_STR(v)->bytes;
    int64_t n = RT_STR(v)->nbytes, len = utf8_len(p[0]);
    if (len > n) len = n;
    static const unsigned char lead_mask[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
    int64_t cp = p[0] & lead_mask[len];
    for (int64_t i = 1; i < len; i++) cp = cp << 6 | (p[i] & 0x3F);
    return rt_box_int(cp);
}

/* The one-character string of code point n. */
RT_BUILTIN(int_to_char) {
    int64_t n = rt_int_arg(argv[0], "int->char", loc);
    if (n < 0 || n > 0x10FFFF || (n >= 0xD800 && n <= 0xDFFF))
        rt_error_owned("type-error", rt_fmt("int->char: invalid code point %lld", (long long)n), loc);
    char buf[4];
    int len;
    if (n < 0x80) { buf[0] = (char)n; len = 1; }
    else if (n < 0x800) { buf[0] = (char)(0xC0 | n >> 6); buf[1] = (char)(0x80 | (n & 0x3F)); len = 2; }
    else if (n < 0x10000) {
        buf[0] = (char)(0xE0 | n >> 12); buf[1] = (char)(0x80 | (n >> 6 & 0x3F));
        buf[2] = (char)(0x80 | (n & 0x3F)); len = 3;
    } else {
        buf[0] = (char)(0xF0 | n >> 18); buf[1] = (char)(0x80 | (n >> 12 & 0x3F));
        buf[2] = (char)(0x80 | (n >> 6 & 0x3F)); buf[3] = (char)(0x80 | (n & 0x3F)); len = 4;
    }
    return rt_string_new(buf, len);
}
