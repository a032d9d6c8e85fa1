/* print.c — text rendering of values (§5, §14), float formatting, buffered stdout. */
#include "rt_internal.h"
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* ---- growable byte buffer -------------------------------------------------------- */

static void sbuf_reserve(rt_sbuf *b, size_t extra) {
    if (b->len + extra <= b->cap) return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra) cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) {
        rt_flush();
        fputs("error[out-of-memory]: out of memory\n", stderr);
        _Exit(1);
    }
    b->p = p;
    b->cap = cap;
}

void rt_sbuf_put(rt_sbuf *b, const char *s, size_t n) {
    sbuf_reserve(b, n);
    memcpy(b->p + b->len, s, n);
    b->len += n;
}
void rt_sbuf_puts(rt_sbuf *b, const char *s) { rt_sbuf_put(b, s, strlen(s)); }
void rt_sbuf_putc(rt_sbuf *b, char c) {
    sbuf_reserve(b, 1);
    b->p[b->len++] = c;
}
void rt_sbuf_free(rt_sbuf *b) {
    free(b->p);
    *b = (rt_sbuf){0};
}

/* ---- stdout ------------------------------------------------------------------------ */

void rt_out_write(const char *p, size_t n) { fwrite_unlocked(p, 1, n, stdout); }
void rt_flush(void) { fflush(stdout); }

/* ---- floats --------------------------------------------------------------------------- */

/* The p-digit decimal of x (> 0) correctly rounded: digits and the exponent of
 * the first digit. */
static int decimal_digits(double x, int p, char *digits, int *exp10) {
    char tmp[40];
    snprintf(tmp, sizeof tmp, "%.*e", p - 1, x);
    int n = 0;
    char *s = tmp;
    for (; *s && *s != 'e'; s++)
        if (*s >= '0' && *s <= '9') digits[n++] = *s;
    *exp10 = atoi(s + 1);
    return n;
}

static double parse_digits(const char *digits, int n, int exp10) {
    char tmp[48];
    memcpy(tmp, digits, (size_t)n);
    snprintf(tmp + n, sizeof tmp - (size_t)n, "e%d", exp10 - (n - 1));
    return strtod(tmp, NULL);
}

/* Adds (dir = 1) or subtracts (dir = -1) one unit in the last digit. */
static int step_digits(char *digits, int n, int *exp10, int dir) {
    int i = n - 1;
    if (dir > 0) {
        while (i >= 0 && digits[i] == '9') digits[i--] = '0';
        if (i < 0) { digits[0] = '1'; memset(digits + 1, '0', (size_t)n - 1); (*exp10)++; }
        else digits[i]++;
    } else {
        while (i >= 0 && digits[i] == '0') digits[i--] = '9';
        if (i < 0) return 0;
        digits[i]--;
        if (digits[0] == '0') {     /* 1000 -> 0999: one digit shorter */
            if (n == 1) return 0;
            memmove(digits, digits + 1, (size_t)n - 1);
            digits[n - 1] = '9';
            (*exp10)--;
        }
    }
    return 1;
}

/* A p-digit decimal that reads back as x, if one exists: the correctly
 * rounded one or its neighbour on the other side of x (the rounding interval
 * of x may be lopsided at powers of two). */
static int round_trip_digits(double x, int p, char *digits, int *exp10) {
    int n = decimal_digits(x, p, digits, exp10);
    double y = parse_digits(digits, n, *exp10);
    if (y == x) return n;
    char alt[24];
    int e = *exp10;
    memcpy(alt, digits, (size_t)n);
    if (step_digits(alt, n, &e, y < x ? 1 : -1) && parse_digits(alt, n, e) == x) {
        memcpy(digits, alt, (size_t)n);
        *exp10 = e;
        return n;
    }
    return 0;
}

/* Shortest round-trip digits of x > 0. For normal doubles, if any string of
 * at most 15 digits reads back as x, the correctly rounded 15-digit string
 * is that string padded with zeros (15 digits are coarser than the double's
 * precision), so one attempt at 15 digits settles most values, else 16,
 * else 17 (which always round-trips). Subnormals have less precision: a
 * binary search over 1..17 (round-tripping is monotonic in the length). */
static int shortest_digits(double x, char *digits, int *exp10) {
    int n = 0;
    if (x >= DBL_MIN) {
        for (int p = 15; p <= 17 && !n; p++) n = round_trip_digits(x, p, digits, exp10);
    } else {
        char tmp[24];
        for (int lo = 1, hi = 17; lo <= hi;) {
            int mid = (lo + hi) / 2, e;
            int m = round_trip_digits(x, mid, tmp, &e);
            if (m) {
                memcpy(digits, tmp, (size_t)m);
                n = m;
                *exp10 = e;
                hi = mid - 1;
            } else {
                lo = mid + 1;
            }
        }
    }
    while (n > 1 && digits[n - 1] == '0') n--;
    return n;
}

int rt_format_float(double d, char *buf) {
    if (isnan(d)) return sprintf(buf, "nan");
    if (isinf(d)) return sprintf(buf, d < 0 ? "-inf" : "inf");
    if (d == 0) return sprintf(buf, signbit(d) ? "-0.0" : "0.0");
    char digits[24];
    int e, n = shortest_digits(fabs(d), digits, &e);
    char *p = buf;
    if (d < 0) *p++ = '-';
    if (e >= -4 && e < 16) {          /* positional */
        if (e >= 0) {
            for (int i = 0; i <= e; i++) *p++ = i < n ? digits[i] : '0';
            *p++ = '.';
            if (n > e + 1) { memcpy(p, digits + e + 1, (size_t)(n - e - 1)); p += n - e - 1; }
            else *p++ = '0';
        } else {
            *p++ = '0';
            *p++ = '.';
            for (int i = 0; i < -e - 1; i++) *p++ = '0';
            memcpy(p, digits, (size_t)n);
            p += n;
        }
        *p = 0;
    } else {                           /* d.ddde±XX */
        *p++ = digits[0];
        if (n > 1) { *p++ = '.'; memcpy(p, digits + 1, (size_t)n - 1); p += n - 1; }
        p += sprintf(p, "e%c%02d", e < 0 ? '-' : '+', e < 0 ? -e : e);
    }
    return (int)(p - buf);
}

/* ---- values ------------------------------------------------------------------------------ */

static void render_quoted(rt_sbuf *b, const rt_string *s) {
    rt_sbuf_putc(b, '"');
    for (int64_t i = 0; i < s->nbytes; i++) {
        unsigned char c = (unsigned char)s->bytes[i];
        const char *esc = NULL;
        switch (c) {
        case '\n': esc = "\\n"; break;
        case '\t': esc = "\\t"; break;
        case '\r': esc = "\\r"; break;
        case '\\': esc = "\\\\"; break;
        case '"': esc = "\\\""; break;
        case 0: esc = "\\0"; break;
        }
        if (esc) {
            rt_sbuf_puts(b, esc);
        } else if (c < 0x20 || c == 0x7F) {
            char tmp[12];
            snprintf(tmp, sizeof tmp, "\\u{%02X}", c);
            rt_sbuf_puts(b, tmp);
        } else {
            rt_sbuf_putc(b, (char)c);
        }
    }
    rt_sbuf_putc(b, '"');
}

static void render_errval(rt_sbuf *b, rt_val v) {
    const rt_errval *e = (const rt_errval *)v;
    rt_sbuf_puts(b, "<error ");
    rt_render(b, e->kind, 0);
    rt_sbuf_puts(b, ": ");
    rt_render(b, e->message, 0);
    rt_sbuf_putc(b, '>');
}

/* Writes the decimal digits of i ending at `end` (exclusive); returns the
 * first character. Needs 20 bytes before `end`. */
static char *format_int(int64_t i, char *end) {
    uint64_t u = i < 0 ? 0 - (uint64_t)i : (uint64_t)i;
    char *p = end;
    do { *--p = (char)('0' + u % 10); u /= 10; } while (u);
    if (i < 0) *--p = '-';
    return p;
}

static void render_int(rt_sbuf *b, int64_t i) {
    char tmp[24];
    char *p = format_int(i, tmp + sizeof tmp);
    rt_sbuf_put(b, p, (size_t)(tmp + sizeof tmp - p));
}

/* Everything but lists and records, which rt_render walks itself. */
static void render_atom(rt_sbuf *b, rt_val v, int nested) {
    char tmp[40];
    if (rt_is_fixnum(v)) {
        render_int(b, rt_fixnum_value(v));
        return;
    }
    switch (v) {
    case RT_NIL: rt_sbuf_puts(b, "nil"); return;
    case RT_TRUE: rt_sbuf_puts(b, "#t"); return;
    case RT_FALSE: rt_sbuf_puts(b, "#f"); return;
    case RT_EMPTY: rt_sbuf_puts(b, "[]"); return;
    case 0: rt_sbuf_puts(b, "<undefined>"); return;
    }
    if (!rt_is_ptr(v)) {
        rt_sbuf_puts(b, "<invalid>");
        return;
    }
    switch (rt_kind_of(v)) {
    case RT_K_STRING:
        if (nested) render_quoted(b, RT_STR(v));
        else rt_sbuf_put(b, RT_STR(v)->bytes, (size_t)RT_STR(v)->nbytes);
        return;
    case RT_K_INT:
        render_int(b, ((rt_boxint *)v)->value);
        return;
    case RT_K_FLOAT:
        rt_sbuf_put(b, tmp, (size_t)rt_format_float(rt_float_value(v), tmp));
        return;
    case RT_K_CLOSURE: {
        const char *name = RT_CLO(v)->info->name;
        rt_sbuf_puts(b, "<function");
        if (name) { rt_sbuf_putc(b, ' '); rt_sbuf_puts(b, name); }
        rt_sbuf_putc(b, '>');
        return;
    }
    case RT_K_STATE: rt_sbuf_puts(b, "<state>"); return;
    case RT_K_ERROR: render_errval(b, v); return;
    case RT_K_CELL: case RT_K_RAWCELL: rt_sbuf_puts(b, "<cell>"); return;
    default: rt_sbuf_puts(b, "<object>"); return;
    }
}

/* Field i of an object of descriptor t, holding word w: a raw number is
 * rendered directly (returns 1), an rt_val is left to the caller (0). */
static int render_raw(rt_sbuf *b, const rt_type *t, uint64_t w, int64_t i) {
    if (RT_LIKELY(!rt_field_raw(t, i))) return 0;
    if (rt_field_f64(t, i)) {
        char tmp[40];
        rt_sbuf_put(b, tmp, (size_t)rt_format_float(rt_bits_f64(w), tmp));
    } else {
        render_int(b, (int64_t)w);
    }
    return 1;
}

/* Lists iterate along their tails and records along their last field, so
 * only nesting in heads / other fields recurses. Raw fields (i64 / f64
 * cells, raw tuple and constructor fields) are rendered without boxing. */
void rt_render(rt_sbuf *b, rt_val v, int nested) {
    size_t close = 0;                   /* ')' owed by records entered via their last field */
    for (;;) {
        if (rt_is_cons(v)) {
            rt_sbuf_putc(b, '[');
            for (;;) {
                const rt_type *t = rt_type_of(v);
                if (!render_raw(b, t, RT_CONS(v)->head, 0)) rt_render(b, RT_CONS(v)->head, 1);
                v = rt_tail(v);
                if (!rt_is_cons(v)) break;
                rt_sbuf_putc(b, ' ');
            }
            if (v != RT_EMPTY) {        /* not a proper list: show the odd tail */
                rt_sbuf_puts(b, " . ");
                rt_render(b, v, 1);
            }
            rt_sbuf_putc(b, ']');
            break;
        }
        uint32_t kind = rt_is_ptr(v) ? rt_kind_of(v) : 0;
        if (kind != RT_K_TUPLE && kind != RT_K_ADT) {
            render_atom(b, v, nested);
            break;
        }
        const rt_type *t = rt_type_of(v);
        int64_t n = rt_fields_count(v);
        const rt_val *fields = rt_fields(v);
        const char *name = rt_base_type(t)->name;
        if (kind == RT_K_ADT && n == 0) {
            if (nested) rt_sbuf_putc(b, '(');
            rt_sbuf_puts(b, name);
            if (nested) rt_sbuf_putc(b, ')');
            break;
        }
        rt_sbuf_putc(b, '(');
        rt_sbuf_puts(b, kind == RT_K_TUPLE ? "tuple" : name);
        if (n == 0) {
            rt_sbuf_putc(b, ')');
            break;
        }
        for (int64_t i = 0; i + 1 < n; i++) {
            rt_sbuf_putc(b, ' ');
            if (!render_raw(b, t, fields[i], i)) rt_render(b, fields[i], 1);
        }
        rt_sbuf_putc(b, ' ');
        close++;
        if (render_raw(b, t, fields[n - 1], n - 1)) break;
        v = fields[n - 1];
        nested = 1;
    }
    while (close--) rt_sbuf_putc(b, ')');
}

rt_val rt_to_string(rt_val v) {
    if (rt_is_string(v)) return v;
    if (rt_is_int(v)) {       /* the common case, without a buffer on the C heap */
        char tmp[24];
        char *p = format_int(rt_int_value(v), tmp + sizeof tmp);
        return rt_string_new(p, tmp + sizeof tmp - p);
    }
    rt_sbuf b = {0};
    rt_render(&b, v, 0);
    rt_val s = rt_string_new(b.p, (int64_t)b.len);
    rt_sbuf_free(&b);
    return s;
}

void rt_print_values(int64_t argc, const rt_val *argv) {
    static rt_sbuf b;
    b.len = 0;
    for (int64_t i = 0; i < argc; i++) {
        if (i) rt_sbuf_putc(&b, ' ');
        rt_render(&b, argv[i], 0);
    }
    rt_sbuf_putc(&b, '\n');
    rt_out_write(b.p, b.len);
    if (b.cap > (1u << 20)) rt_sbuf_free(&b);
}
