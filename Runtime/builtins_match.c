/* builtins_match.c — the runtime side of `match`, and the argument check of the library written in ClaudeLang. */
#include "rt_internal.h"

/* "no pattern matched value V" (kind no-match), V as `print` shows it. */
RT_BUILTIN(no_match) {
    rt_sbuf b = {0};
    rt_sbuf_puts(&b, "no pattern matched value ");
    rt_render(&b, argv[0], 0);
    rt_sbuf_putc(&b, '\0');
    rt_error_owned("no-match", b.p, loc);
}

/* (%expect-list NAME xs): xs when it is a list, else the library function
 * NAME's type-error: "'map' expects a List, got Int 5". */
RT_BUILTIN(expect_list) {
    return rt_list_arg(argv[1], rt_string_bytes(argv[0]), loc);
}
