/* errors.c — raising, reporting and catching runtime errors.
 *
 * error:handle pushes a catch frame (sigsetjmp) remembering the shadow-stack
 * top and the handle-stack depth. Raising copies the error's text (or keeps
 * the error value in a rooted slot) and siglongjmps to the innermost frame;
 * the frame restores the stacks and only then builds the error value, so
 * nothing is allocated while raising (which also makes it usable from the
 * fault handler). With no frame, the error is printed and the program ends.
 */
#include "rt_internal.h"
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/uio.h>
#include <unistd.h>

typedef struct rt_catch {
    sigjmp_buf jb;
    struct rt_catch *prev;
    rt_val *shadow_sp;
    size_t handles;
} rt_catch;

static rt_catch *catch_top;

/* The error in flight: a value (error:raise) or text (everything else). */
static struct {
    rt_val value;             /* registered as a GC root */
    const char *kind, *msg;
    int owned;                /* kind/msg are malloc'd */
    int rooted;
} pending;

const char *rt_loc_hint;

int rt_catching(void) { return catch_top != NULL; }
void *rt_catch_top_get(void) { return catch_top; }
void rt_catch_reset(void *saved) { catch_top = saved; }

char *rt_fmt(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char *s = NULL;
    if (vasprintf(&s, fmt, ap) < 0) s = NULL;
    va_end(ap);
    return s;
}

/* Async-signal-safe: one writev to stderr after flushing stdout. */
void rt_report_error(const char *kind, size_t kind_len, const char *msg, size_t msg_len, const char *loc) {
    rt_flush();
    struct iovec iov[8] = {
        {"error[", 6}, {(void *)kind, kind_len}, {"]: ", 3}, {(void *)msg, msg_len}, {"\n", 1},
    };
    int n = 5;
    if (loc) {
        iov[n++] = (struct iovec){"  at ", 5};
        iov[n++] = (struct iovec){(void *)loc, strlen(loc)};
        iov[n++] = (struct iovec){"\n", 1};
    }
    ssize_t r = writev(2, iov, n);
    (void)r;
}

_Noreturn static void unwind(void) {
    rt_catch *c = catch_top;
    catch_top = c->prev;
    siglongjmp(c->jb, 1);
}

/* Raise with text; takes ownership of malloc'd kind and msg (NULL: no memory). */
_Noreturn static void raise_text(char *kind, char *msg, const char *loc,
                                 const char *kind0, const char *msg0) {
    if (catch_top && kind && msg && !rt_gc_active()) {
        pending.kind = kind;
        pending.msg = msg;
        pending.owned = 1;
        unwind();
    }
    const char *k = kind ? kind : kind0, *m = msg ? msg : msg0;
    rt_report_error(k, strlen(k), m, strlen(m), loc);
    rt_terminate(1);
}

_Noreturn void rt_error(const char *kind, const char *message, const char *loc) {
    raise_text(strdup(kind), strdup(message), loc, kind, message);
}

_Noreturn void rt_error_owned(const char *kind, char *message, const char *loc) {
    raise_text(strdup(kind), message, loc, kind, "(no memory for the message)");
}

_Noreturn void rt_raise_from_signal(const char *kind, const char *message) {
    if (catch_top && !rt_gc_active()) {
        pending.kind = kind;
        pending.msg = message;
        pending.owned = 0;
        unwind();
    }
    rt_report_error(kind, strlen(kind), message, strlen(message), rt_loc_hint);
    rt_terminate(1);
}

_Noreturn void rt_raise(rt_val err, const char *loc) {
    if (!rt_is_kind(err, RT_K_ERROR)) rt_error_type("error:raise", "an error value", err, loc);
    if (catch_top) {
        if (!pending.rooted) {
            rt_add_roots(&pending.value, 1);
            pending.rooted = 1;
        }
        pending.value = err;
        unwind();
    }
    rt_string *k = RT_STR(((rt_errval *)err)->kind), *m = RT_STR(((rt_errval *)err)->message);
    rt_report_error(k->bytes, (size_t)k->nbytes, m->bytes, (size_t)m->nbytes, loc);
    rt_terminate(1);
}

/* The error value for the frame that caught it. */
static rt_val take_pending(void) {
    if (pending.value) {
        rt_val v = pending.value;
        pending.value = 0;
        return v;
    }
    rt_val *sp = rt_shadow_sp;
    sp[0] = rt_cstring(pending.kind);
    rt_shadow_sp = sp + 1;
    rt_val msg = rt_cstring(pending.msg);
    rt_shadow_sp = sp;
    if (pending.owned) {
        free((char *)pending.kind);
        free((char *)pending.msg);
    }
    pending.kind = pending.msg = NULL;
    return rt_error_value_new(sp[0], msg);
}

rt_val rt_handle(rt_val thunk, rt_val handler, const char *loc) {
    if (RT_UNLIKELY(!rt_shadow_sp)) rt_gc_init();
    rt_val *sp = rt_shadow_sp;     /* sp[0] thunk, sp[1] handler, sp[2] the error */
    sp[0] = thunk;
    sp[1] = handler;
    rt_shadow_sp = sp + 2;
    rt_catch c;
    c.prev = catch_top;
    c.shadow_sp = rt_shadow_sp;
    c.handles = rt_handle_depth();
    if (sigsetjmp(c.jb, 0) == 0) {
        catch_top = &c;
        rt_val r = rt_apply(sp[0], 0, NULL, loc);
        catch_top = c.prev;
        rt_shadow_sp = sp;
        return r;
    }
    rt_shadow_sp = c.shadow_sp;
    rt_handle_restore(c.handles);
    sp[2] = take_pending();
    rt_shadow_sp = sp + 3;
    rt_val r = rt_apply(sp[1], 1, &sp[2], loc);
    rt_shadow_sp = sp;
    return r;
}

/* ---- the runtime's standard messages ------------------------------------------ */

_Noreturn void rt_error_overflow(const char *loc) {
    rt_error("integer-overflow", "integer overflow", loc);
}

_Noreturn void rt_error_div_zero(const char *loc) {
    rt_error("division-by-zero", "division by zero", loc);
}

_Noreturn void rt_shadow_overflow(const char *loc) {
    rt_error("stack-overflow", "stack overflow", loc);
}

_Noreturn void rt_error_uninit(const char *name, const char *defloc, const char *loc) {
    rt_error_owned("unbound-variable",
                   rt_fmt("unbound variable '%s' (defined at %s, not yet initialised)", name, defloc), loc);
}

static const char *plural(int64_t n) { return n == 1 ? "" : "s"; }

_Noreturn void rt_error_arity_range(const char *name, int64_t min, int64_t max, int64_t got, const char *loc) {
    if (!name) name = "<function>";
    char *msg;
    if (min == max)
        msg = rt_fmt("%s expects %lld argument%s, got %lld", name, (long long)min, plural(min), (long long)got);
    else if (max < 0)
        msg = rt_fmt("%s expects at least %lld argument%s, got %lld", name, (long long)min, plural(min), (long long)got);
    else
        msg = rt_fmt("%s expects %lld to %lld arguments, got %lld", name, (long long)min, (long long)max, (long long)got);
    rt_error_owned("type-error", msg, loc);
}

_Noreturn void rt_error_arity(const char *name, int64_t expected, int64_t got, const char *loc) {
    rt_error_arity_range(name, expected, expected, got, loc);
}

/* "<prefix>TYPENAME REPR" in a malloc'd string. */
static char *describe(const char *prefix, rt_val got) {
    rt_sbuf b = {0};
    rt_sbuf_puts(&b, prefix);
    rt_sbuf_puts(&b, rt_type_name(got));
    rt_sbuf_putc(&b, ' ');
    rt_render(&b, got, 1);
    rt_sbuf_putc(&b, 0);
    return b.p;
}

_Noreturn void rt_error_type(const char *name, const char *expected, rt_val got, const char *loc) {
    char *prefix = rt_fmt("'%s' expects %s, got ", name, expected);
    char *msg = prefix ? describe(prefix, got) : NULL;
    free(prefix);
    rt_error_owned("type-error", msg, loc);
}

_Noreturn void rt_error_expected(const char *type, rt_val got, const char *loc) {
    char *prefix = rt_fmt("expected %s, got ", type);
    char *msg = prefix ? describe(prefix, got) : NULL;
    free(prefix);
    rt_error_owned("type-error", msg, loc);
}
