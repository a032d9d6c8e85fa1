/* builtins_match.c — the runtime side of `match`. */
#include "rt_internal.h"

/* "no pattern matched value V" (kind no-match), V as `print` shows it. */
RT_BUILTIN(no_match) {
    rt_sbuf b = {0};
    rt_sbuf_puts(&b, "no pattern matched value ");
    rt_render(&b, argv[0], 0);
    rt_sbuf_putc(&b, '\0');
    rt_error_owned("no-match", b.p, loc);
}
