/* run.c — process lifecycle: initialisation, program arguments, the
 * big-stack program thread, fault handling (stack overflow becomes
 * error[stack-overflow]), exit. */
#include "rt_internal.h"
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#define KiB ((size_t)1 << 10)
#define MiB ((size_t)1 << 20)
#define RUN_STACK ((size_t)1 << 30)      /* the program thread's stack */
#define RUN_GUARD (1 * MiB)              /* PROT_NONE below it */
#define STACK_HEADROOM (256 * KiB)       /* rt_check_stack insists on this much */
#define NEAR_SP (64 * KiB)               /* a fault this close to sp is an overflow */
#define ALTSTACK_SIZE (64 * KiB)

static struct {
    int inited;
    char **args;
    int nargs;
    char *map;                 /* guard + stack of the program thread */
    size_t map_size;
    char *stack_lo, *stack_hi;
    pthread_t thread;          /* the program thread while in_run */
    volatile int in_run;
    sigjmp_buf *run_jb;
    int status;
} R;

/* ---- arguments ------------------------------------------------------------------- */

void rt_set_args(int argc, const char *const *argv) {
    for (int i = 0; i < R.nargs; i++) free(R.args[i]);
    free(R.args);
    R.args = calloc((size_t)(argc > 0 ? argc : 1), sizeof(char *));
    R.nargs = 0;
    for (int i = 0; i < argc && R.args; i++) {
        R.args[i] = strdup(argv[i]);
        if (R.args[i]) R.nargs++;
    }
}

const char *const *rt_get_args(int *argc) {
    *argc = R.nargs;
    return (const char *const *)R.args;
}

/* ---- faults ------------------------------------------------------------------------ */

static void *fault_sp(void *ucv) {
#if defined(__x86_64__)
    return (void *)((ucontext_t *)ucv)->uc_mcontext.gregs[REG_RSP];
#elif defined(__aarch64__)
    return (void *)((ucontext_t *)ucv)->uc_mcontext.sp;
#else
    (void)ucv;
    return NULL;
#endif
}

static int is_stack_overflow(const char *addr, const char *sp) {
    if (R.map && addr >= R.map && addr < R.stack_lo + 4096) return 1;
    if (rt_in_shadow_guard(addr)) return 1;
    return sp && addr < sp + NEAR_SP && addr + NEAR_SP > sp;
}

static void on_fault(int sig, siginfo_t *si, void *uc) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGSEGV);
    sigaddset(&set, SIGBUS);
    if (is_stack_overflow(si->si_addr, fault_sp(uc))) {
        pthread_sigmask(SIG_UNBLOCK, &set, NULL);   /* we leave by siglongjmp or exit */
        rt_raise_from_signal("stack-overflow", "stack overflow");
    }
    rt_flush();
    static const char segv[] = "error[internal]: segmentation fault\n";
    static const char bus[] = "error[internal]: bus error\n";
    ssize_t r = sig == SIGBUS ? write(2, bus, sizeof bus - 1) : write(2, segv, sizeof segv - 1);
    (void)r;
    _exit(70);
}

/* Each thread that may overflow needs its own signal stack. */
static void *install_altstack(void) {
    stack_t ss = {0};
    ss.ss_sp = malloc(ALTSTACK_SIZE);
    ss.ss_size = ALTSTACK_SIZE;
    if (ss.ss_sp && sigaltstack(&ss, NULL) != 0) {
        free(ss.ss_sp);
        return NULL;
    }
    return ss.ss_sp;
}

static void remove_altstack(void *mem) {
    if (!mem) return;
    stack_t ss = {0};
    ss.ss_flags = SS_DISABLE;
    sigaltstack(&ss, NULL);
    free(mem);
}

static void install_fault_handlers(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
}

void rt_check_stack(void) {
    if (!R.in_run || !pthread_equal(pthread_self(), R.thread)) return;
    char *sp = __builtin_frame_address(0);
    if (sp < R.stack_lo + STACK_HEADROOM) rt_error("stack-overflow", "stack overflow", rt_loc_hint);
}

/* ---- lifecycle ------------------------------------------------------------------------ */

static void at_exit(void) {
    rt_flush();
    rt_gc_print_stats();
}

void rt_init(int argc, char **argv) {
    if (argv && argc > 0) rt_set_args(argc - 1, (const char *const *)argv + 1);
    if (R.inited) return;
    R.inited = 1;
    rt_gc_init();
    if (!isatty(1)) {
        static char outbuf[1 << 16];
        fflush(stdout);
        setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
    }
    install_altstack();
    install_fault_handlers();
    atexit(at_exit);
}

_Noreturn void rt_exit(int status) {
    rt_flush();
    exit(status);
}

_Noreturn void rt_terminate(int status) {
    if (R.in_run && pthread_equal(pthread_self(), R.thread)) {
        R.status = status;
        siglongjmp(*R.run_jb, 1);
    }
    rt_exit(status);
}

static int ensure_run_stack(void) {
    if (R.map) return 1;
    for (size_t size = RUN_STACK; size >= 16 * MiB; size /= 2) {
        size_t total = size + RUN_GUARD;
        char *p = mmap(NULL, total, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
        if (p == MAP_FAILED) continue;
        mprotect(p, RUN_GUARD, PROT_NONE);
        R.map = p;
        R.map_size = total;
        R.stack_lo = p + RUN_GUARD;
        R.stack_hi = p + total;
        return 1;
    }
    return 0;
}

typedef struct run_args { void (*fn)(void *); void *ctx; int own_thread; } run_args;

static void *run_thread(void *p) {
    run_args *a = p;
    void *alt = a->own_thread ? install_altstack() : NULL;
    sigjmp_buf jb;
    R.run_jb = &jb;
    R.thread = pthread_self();
    if (sigsetjmp(jb, 0) == 0) {
        R.in_run = 1;
        a->fn(a->ctx);
        R.status = 0;
    }
    R.in_run = 0;
    rt_flush();
    remove_altstack(alt);
    return NULL;
}

int rt_run(void (*fn)(void *ctx), void *ctx) {
    rt_init(0, NULL);
    if (R.in_run) {            /* nested: already on the program thread */
        fn(ctx);
        return 0;
    }
    void *saved_catch = rt_catch_top_get();
    rt_val *saved_sp = rt_shadow_sp;
    size_t saved_handles = rt_handle_depth();
    rt_catch_reset(NULL);
    run_args args = {fn, ctx, 1};
    pthread_attr_t attr;
    pthread_t t;
    int started = 0;
    if (ensure_run_stack() && pthread_attr_init(&attr) == 0) {
        if (pthread_attr_setstack(&attr, R.stack_lo, (size_t)(R.stack_hi - R.stack_lo)) == 0 &&
            pthread_create(&t, &attr, run_thread, &args) == 0) {
            pthread_join(t, NULL);
            started = 1;
        }
        pthread_attr_destroy(&attr);
    }
    if (!started) {            /* no big stack: run here */
        args.own_thread = 0;
        run_thread(&args);
    } else {
        madvise(R.stack_lo, (size_t)(R.stack_hi - R.stack_lo), MADV_DONTNEED);
    }
    rt_catch_reset(saved_catch);
    rt_shadow_sp = saved_sp;
    rt_handle_restore(saved_handles);
    return R.status;
}

int rt_main(int argc, char **argv, void (*entry)(void *ctx)) {
    rt_init(argc, argv);
    rt_exit(rt_run(entry, NULL));
}
