/* equal.c — structural equality (§4, §14) and exact number comparison. */
#include "rt_internal.h"
#include <math.h>

/* i <=> d by exact mathematical value; 2 when d is nan. */
static int cmp_int_float(int64_t i, double d) {
    if (isnan(d)) return 2;
    if (d >= 9223372036854775808.0) return -1;      /* 2^63 */
    if (d < -9223372036854775808.0) return 1;
    double t = trunc(d);                             /* exactly representable as int64 */
    int64_t ti = (int64_t)t;
    if (i != ti) return i < ti ? -1 : 1;
    double frac = d - t;
    return frac > 0 ? -1 : frac < 0 ? 1 : 0;
}

int rt_num_cmp(const rt_num *a, const rt_num *b) {
    if (!a->is_float && !b->is_float) return (a->i > b->i) - (a->i < b->i);
    if (a->is_float && b->is_float) {
        if (isnan(a->f) || isnan(b->f)) return 2;
        return (a->f > b->f) - (a->f < b->f);
    }
    if (!a->is_float) return cmp_int_float(a->i, b->f);
    int c = cmp_int_float(b->i, a->f);
    return c == 2 ? 2 : -c;
}

/* Constructor identity: the same base descriptor, or the same name. */
static int same_ctor(const rt_type *ta, const rt_type *tb) {
    ta = rt_base_type(ta);
    tb = rt_base_type(tb);
    return ta == tb || (ta->name && tb->name && strcmp(ta->name, tb->name) == 0);
}

/* Field i: word wa of an object of descriptor ta against wb of tb. Raw
 * fields compare as numbers without boxing. Returns 0 / 1, or -1 when both
 * are rt_val: then *a, *b are set for rt_equal. */
static inline int field_equal(const rt_type *ta, uint64_t wa, const rt_type *tb, uint64_t wb, int64_t i,
                              rt_val *a, rt_val *b) {
    rt_num x, y;
    int ra = rt_field_raw_num(ta, wa, i, &x), rb = rt_field_raw_num(tb, wb, i, &y);
    if (!ra && !rb) {
        *a = wa;
        *b = wb;
        return -1;
    }
    if (!ra && !rt_get_num(wa, &x)) return 0;
    if (!rb && !rt_get_num(wb, &y)) return 0;
    return rt_num_cmp(&x, &y) == 0;
}

int rt_equal_head(rt_val x, rt_val cell) {
    rt_num m, n;
    if (rt_cell_raw(cell)) return rt_get_num(x, &m) && rt_head_num(cell, &n) && rt_num_cmp(&m, &n) == 0;
    return rt_equal(x, RT_CONS(cell)->head);
}

/* Containers are compared even when identical (a nan inside is unequal to
 * itself). Recursion only into list heads and non-last record fields. */
int rt_equal(rt_val a, rt_val b) {
    for (;;) {
        if (rt_is_fixnum(a) && rt_is_fixnum(b)) return a == b;   /* the common case */
        rt_num x, y;
        if (rt_get_num(a, &x)) return rt_get_num(b, &y) && rt_num_cmp(&x, &y) == 0;
        if (!rt_is_ptr(a) || !rt_is_ptr(b)) return a == b;
        uint32_t kind = rt_kind_of(a);
        if (kind != rt_kind_of(b)) return 0;
        switch (kind) {
        case RT_K_STRING: {
            const rt_string *s = RT_STR(a), *t = RT_STR(b);
            return s == t || (s->nbytes == t->nbytes && memcmp(s->bytes, t->bytes, (size_t)s->nbytes) == 0);
        }
        case RT_K_CONS:
            /* cells of any kinds: [1 2] (i64 cells) equals [1.0 2] (val cells) */
            while (rt_is_cons(a) && rt_is_cons(b)) {
                const rt_type *ta = rt_type_of(a), *tb = rt_type_of(b);
                uint64_t ha = RT_CONS(a)->head, hb = RT_CONS(b)->head;
                if (ta == tb && ta == &rt_type_cons_i64) {
                    if (ha != hb) return 0;
                } else if (ta == tb && ta == &rt_type_cons_f64) {
                    if (!(rt_bits_f64(ha) == rt_bits_f64(hb))) return 0;     /* nan != nan, -0.0 == 0.0 */
                } else {
                    rt_val p, q;
                    int e = field_equal(ta, ha, tb, hb, 0, &p, &q);
                    if (e == 0 || (e < 0 && !rt_equal(p, q))) return 0;
                }
                a = rt_tail(a);
                b = rt_tail(b);
            }
            continue;
        case RT_K_TUPLE: case RT_K_ADT: {
            const rt_type *ta = rt_type_of(a), *tb = rt_type_of(b);
            int64_t n = rt_fields_count(a);
            if (n != rt_fields_count(b) || (kind == RT_K_ADT && !same_ctor(ta, tb))) return 0;
            if (n == 0) return 1;
            const rt_val *r = rt_fields(a), *s = rt_fields(b);
            rt_val p, q;
            for (int64_t i = 0; i + 1 < n; i++) {
                int e = field_equal(ta, r[i], tb, s[i], i, &p, &q);
                if (e == 0 || (e < 0 && !rt_equal(p, q))) return 0;
            }
            int e = field_equal(ta, r[n - 1], tb, s[n - 1], n - 1, &a, &b);
            if (e >= 0) return e;
            continue;
        }
        case RT_K_ERROR:
            return rt_equal(((rt_errval *)a)->kind, ((rt_errval *)b)->kind) &&
                   rt_equal(((rt_errval *)a)->message, ((rt_errval *)b)->message);
        default:
            return a == b;     /* functions, cells, states: identity */
        }
    }
}
