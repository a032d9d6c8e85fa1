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

static int same_record_type(rt_val a, rt_val b) {
    const rt_type *ta = rt_type_of(a), *tb = rt_type_of(b);
    return ta == tb || (ta->name && tb->name && strcmp(ta->name, tb->name) == 0);
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
            while (rt_is_cons(a) && rt_is_cons(b)) {
                if (!rt_equal(rt_head(a), rt_head(b))) return 0;
                a = rt_tail(a);
                b = rt_tail(b);
            }
            continue;
        case RT_K_TUPLE: case RT_K_ADT: {
            int64_t n = rt_fields_count(a);
            if (n != rt_fields_count(b) || !same_record_type(a, b)) return 0;
            if (n == 0) return 1;
            const rt_val *r = rt_fields(a), *s = rt_fields(b);
            for (int64_t i = 0; i + 1 < n; i++)
                if (!rt_equal(r[i], s[i])) return 0;
            a = r[n - 1];
            b = s[n - 1];
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
