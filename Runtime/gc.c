/* gc.c — the heap and the collector.
 *
 * One big virtual reservation (PROT_NONE, committed as it is used) makes
 * "is this a heap object" a range check. Its lower half holds 32 KiB blocks,
 * each dedicated to one size class (bump allocation in the class's current
 * block, then free lists rebuilt by each sweep); its upper half holds large
 * objects in page-granular runs. Collection is precise, non-moving
 * mark–sweep: the mark bit is bit 0 of the header word, marking uses an
 * explicit stack. A free small slot has header word 0 and its next-free
 * link in the second word.
 */
#include "rt_internal.h"
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define KiB ((size_t)1 << 10)
#define MiB ((size_t)1 << 20)
#define GiB ((size_t)1 << 30)

#define BLOCK_SHIFT 15
#define BLOCK_SIZE ((size_t)1 << BLOCK_SHIFT)
#define SMALL_MAX 8192
#define PAGE 4096
#define LARGE_PREFIX 32
#define MIN_TRIGGER (32 * MiB)
#define COMMIT_CHUNK (4 * MiB)
#define LARGE_RELEASE_MIN (256 * KiB)    /* freed large runs this big are returned to the OS */
#define SHADOW_SIZE (1 * GiB)
#define SHADOW_GUARD (16 * MiB)

static const uint32_t class_sizes[] = {
    16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384, 448,
    512, 640, 768, 896, 1024, 1280, 1536, 1792, 2048, 2560, 3072, 3584, 4096, 5120,
    6144, 7168, 8192,
};
#define NCLASSES (sizeof class_sizes / sizeof class_sizes[0])
#define CLASS_FREE 0xFFFFFFFFu

typedef struct block {
    struct block *next;     /* in its class's list, or in the free-block list */
    uint32_t cls;           /* size class, CLASS_FREE when unused */
    uint32_t resident;      /* free block whose pages have not been released */
} block;

typedef struct sclass {
    uint32_t size, nslots;
    rt_header *free;        /* free list */
    char *bump, *bump_end;  /* bump region inside `cur` */
    block *cur;
    block *blocks;          /* every block of this class (cur included) */
} sclass;

typedef struct large {      /* prefix of a large object's run */
    struct large *next, *prev;
    size_t span;            /* bytes of the run, prefix included */
    size_t pad;
} large;

typedef struct run { char *start; size_t len; } run;
typedef struct range { rt_val *start; size_t count; } range;

static struct {
    int inited, stress, stats, active;
    char *lo; size_t span;                        /* the whole reservation */
    char *small_lo, *small_top, *small_commit, *small_hi;
    char *large_lo, *large_top, *large_commit, *large_hi;
    block *meta;                                  /* one per small block */
    block *free_blocks;
    size_t free_resident;                         /* free blocks still holding pages */
    sclass cls[NCLASSES];
    uint8_t class_of[SMALL_MAX / 8 + 1];
    large *large_list;
    run *runs; size_t nruns, runs_cap;            /* free large runs, by address */
    char *shadow_guard_lo, *shadow_guard_hi;
    /* accounting */
    uint64_t since, trigger, live_bytes, peak, total_alloc, collections;
    uint64_t limit;                               /* the heap (live_bytes + since) may not exceed it */
    double total_pause, max_pause;
    /* roots */
    range *ranges; size_t nranges, ranges_cap;
    rt_val **handles; size_t nhandles, handles_cap;
    void (*extra)(void *); void *extra_ctx;
    rt_header **mstack; size_t msp, mcap;
} H;

rt_val *rt_shadow_sp, *rt_shadow_base, *rt_shadow_limit;

/* Fatal allocator failure: outside any sweep, so it may be raised normally. */
_Noreturn static void out_of_memory(void) {
    rt_error("out-of-memory", "out of memory", rt_loc_hint);
}

static void *xrealloc(void *p, size_t n) {
    void *q = realloc(p, n);
    if (!q) {
        static const char msg[] = "error[out-of-memory]: out of memory\n";
        rt_flush();
        fwrite(msg, 1, sizeof msg - 1, stderr);
        _Exit(1);
    }
    return q;
}
#define GROW(arr, n, cap) do { if ((n) == (cap)) { (cap) = (cap) ? 2 * (cap) : 64; \
    (arr) = xrealloc((arr), (cap) * sizeof *(arr)); } } while (0)

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* ---- initialisation ------------------------------------------------------- */

static void *reserve(size_t *size, size_t min) {
    for (; *size >= min; *size /= 2) {
        void *p = mmap(NULL, *size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (p != MAP_FAILED) return p;
    }
    return NULL;
}

static void init_shadow_stack(void) {
    size_t size = SHADOW_SIZE + SHADOW_GUARD;
    char *p = reserve(&size, 64 * MiB);
    if (!p || mprotect(p, size - SHADOW_GUARD, PROT_READ | PROT_WRITE) != 0) {
        fputs("error[internal]: cannot reserve the shadow stack\n", stderr);
        _Exit(70);
    }
    rt_shadow_base = rt_shadow_sp = (rt_val *)p;
    rt_shadow_limit = (rt_val *)(p + size - SHADOW_GUARD);
    H.shadow_guard_lo = p + size - SHADOW_GUARD;
    H.shadow_guard_hi = p + size;
}

/* CLAUDE_HEAP_LIMIT_MB, else three quarters of physical memory. */
static uint64_t heap_limit(void) {
    const char *e = getenv("CLAUDE_HEAP_LIMIT_MB");
    if (e && *e) return strtoull(e, NULL, 10) * MiB;
    long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
    return pages > 0 && page > 0 ? (uint64_t)pages * (uint64_t)page / 4 * 3 : 0;
}

/* Collect again after max(MIN_TRIGGER, live) more bytes (every allocation
 * under stress), without letting the heap pass the limit. */
static void set_trigger(void) {
    uint64_t t = H.live_bytes > MIN_TRIGGER ? H.live_bytes : MIN_TRIGGER;
    uint64_t room = H.limit > H.live_bytes ? H.limit - H.live_bytes : 0;
    if (H.limit && t > room) t = room;
    H.trigger = H.stress ? 0 : t;
}

void rt_gc_init(void) {
    if (H.inited) return;
    size_t size = 64 * GiB;
    char *p = reserve(&size, 256 * MiB);
    if (!p) {
        fputs("error[internal]: cannot reserve the heap\n", stderr);
        _Exit(70);
    }
    H.lo = p; H.span = size;
    H.small_lo = H.small_top = H.small_commit = p;
    H.small_hi = p + size / 2;
    H.large_lo = H.large_top = H.large_commit = H.small_hi;
    H.large_hi = p + size;
    size_t meta_bytes = (size / 2 / BLOCK_SIZE) * sizeof(block);
    H.meta = mmap(NULL, meta_bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (H.meta == MAP_FAILED) {
        fputs("error[internal]: cannot reserve the heap\n", stderr);
        _Exit(70);
    }
    for (size_t c = 0, s = 0; s <= SMALL_MAX; s += 8) {
        while (class_sizes[c] < s) c++;
        H.class_of[s / 8] = (uint8_t)c;
    }
    for (size_t c = 0; c < NCLASSES; c++) {
        H.cls[c].size = class_sizes[c];
        H.cls[c].nslots = (uint32_t)(BLOCK_SIZE / class_sizes[c]);
    }
    init_shadow_stack();
    const char *e = getenv("CLAUDE_GC_STRESS");
    H.stress = e && *e && strcmp(e, "0") != 0;
    e = getenv("CLAUDE_GC_STATS");
    H.stats = e && *e && strcmp(e, "0") != 0;
    H.limit = heap_limit();
    set_trigger();
    H.inited = 1;
}

void rt_gc_set_stress(int on) {
    rt_gc_init();
    H.stress = on;
    set_trigger();
}

int rt_gc_active(void) { return H.active; }

int rt_in_shadow_guard(const void *addr) {
    return (const char *)addr >= H.shadow_guard_lo && (const char *)addr < H.shadow_guard_hi;
}

/* ---- small objects ------------------------------------------------------- */

static inline char *block_start(const block *b) {
    return H.small_lo + ((size_t)(b - H.meta) << BLOCK_SHIFT);
}
static inline rt_header **slot_next(rt_header *h) { return (rt_header **)((char *)h + 8); }

static block *new_block(void) {
    block *b = H.free_blocks;
    if (b) {
        H.free_blocks = b->next;
        H.free_resident -= b->resident;
        return b;
    }
    if (H.small_top + BLOCK_SIZE > H.small_hi) out_of_memory();
    if (H.small_top + BLOCK_SIZE > H.small_commit) {
        size_t n = COMMIT_CHUNK;
        if (H.small_commit + n > H.small_hi) n = (size_t)(H.small_hi - H.small_commit);
        if (mprotect(H.small_commit, n, PROT_READ | PROT_WRITE) != 0) out_of_memory();
#ifdef MADV_HUGEPAGE
        /* huge pages: a growing heap takes one fault per 2 MiB, not per 4 KiB */
        madvise(H.small_commit, n, MADV_HUGEPAGE);
#endif
        H.small_commit += n;
    }
    b = &H.meta[(size_t)(H.small_top - H.small_lo) >> BLOCK_SHIFT];
    H.small_top += BLOCK_SIZE;
    return b;
}

static rt_header *small_refill(sclass *sc) {
    block *b = new_block();
    b->cls = (uint32_t)(sc - H.cls);
    b->resident = 0;
    b->next = sc->blocks;
    sc->blocks = b;
    sc->cur = b;
    sc->bump = block_start(b);
    sc->bump_end = sc->bump + (size_t)sc->nslots * sc->size;
    rt_header *h = (rt_header *)sc->bump;
    sc->bump += sc->size;
    return h;
}

static inline rt_header *small_alloc(sclass *sc) {
    rt_header *h = sc->free;
    if (h) {
        sc->free = *slot_next(h);
        return h;
    }
    if ((uintptr_t)sc->bump_end - (uintptr_t)sc->bump >= sc->size) {
        h = (rt_header *)sc->bump;
        sc->bump += sc->size;
        return h;
    }
    return small_refill(sc);
}

/* ---- large objects -------------------------------------------------------- */

static char *runs_take(size_t span) {
    for (size_t i = 0; i < H.nruns; i++) {
        run *r = &H.runs[i];
        if (r->len < span) continue;
        char *p = r->start;
        r->start += span;
        r->len -= span;
        if (r->len == 0) {
            memmove(r, r + 1, (H.nruns - i - 1) * sizeof *r);
            H.nruns--;
        }
        return p;
    }
    return NULL;
}

/* Return a run to the free set, coalescing with its neighbours. */
static void runs_give(char *start, size_t len) {
    if (len >= LARGE_RELEASE_MIN) madvise(start, len, MADV_DONTNEED);
    size_t i = 0;
    while (i < H.nruns && H.runs[i].start < start) i++;
    if (i > 0 && H.runs[i - 1].start + H.runs[i - 1].len == start) {
        i--;
        H.runs[i].len += len;
    } else {
        GROW(H.runs, H.nruns, H.runs_cap);
        memmove(&H.runs[i + 1], &H.runs[i], (H.nruns - i) * sizeof(run));
        H.runs[i] = (run){start, len};
        H.nruns++;
    }
    if (i + 1 < H.nruns && H.runs[i].start + H.runs[i].len == H.runs[i + 1].start) {
        H.runs[i].len += H.runs[i + 1].len;
        memmove(&H.runs[i + 1], &H.runs[i + 2], (H.nruns - i - 2) * sizeof(run));
        H.nruns--;
    }
    if (i + 1 == H.nruns && H.runs[i].start + H.runs[i].len == H.large_top) {
        H.large_top = H.runs[i].start;   /* the top run just lowers the bump pointer */
        H.nruns--;
    }
}

static rt_header *large_alloc(size_t size) {
    size_t span = (size + LARGE_PREFIX + PAGE - 1) & ~(size_t)(PAGE - 1);
    if (span < size) out_of_memory();
    char *p = runs_take(span);
    if (!p) {
        if (span > (size_t)(H.large_hi - H.large_top)) out_of_memory();
        p = H.large_top;
        H.large_top += span;
        if (H.large_top > H.large_commit) {
            size_t need = (size_t)(H.large_top - H.large_commit);
            size_t n = (need + COMMIT_CHUNK - 1) / COMMIT_CHUNK * COMMIT_CHUNK;
            if (n > (size_t)(H.large_hi - H.large_commit)) n = (size_t)(H.large_hi - H.large_commit);
            if (mprotect(H.large_commit, n, PROT_READ | PROT_WRITE) != 0) {
                H.large_top -= span;
                out_of_memory();
            }
            H.large_commit += n;
        }
    }
    large *l = (large *)p;
    l->span = span;
    l->prev = NULL;
    l->next = H.large_list;
    if (H.large_list) H.large_list->prev = l;
    H.large_list = l;
    return (rt_header *)(p + LARGE_PREFIX);
}

/* ---- allocation entry ------------------------------------------------------ */

static void collect_before_alloc(size_t size) {
    if (!H.inited) {
        rt_gc_init();
        if (!H.stress) return;
    }
    if (H.active) return;
    rt_check_stack();
    rt_gc_collect();
    /* near the limit: fail rather than collect at every allocation */
    if (H.limit && H.live_bytes + size > H.limit - H.limit / 32) out_of_memory();
}

/* The bytes of an object of `size` for `type`, its fields not cleared: for
 * callers that set every field before anything can allocate. Only `since`
 * is counted per allocation; the other figures are derived from it. */
void *rt_alloc_fields_unset(const rt_type *type, size_t size) {
    size = size < 16 ? 16 : (size + 7) & ~(size_t)7;
    if (RT_UNLIKELY(H.since + size > H.trigger)) collect_before_alloc(size);
    rt_header *h;
    if (RT_LIKELY(size <= SMALL_MAX)) {
        sclass *sc = &H.cls[H.class_of[size / 8]];
        size = sc->size;
        h = small_alloc(sc);
    } else {
        h = large_alloc(size);
    }
    h->type = (uintptr_t)type;
    H.since += size;
    return h;
}

void *rt_alloc(const rt_type *type, size_t size) {
    rt_header *h = rt_alloc_fields_unset(type, size);
    /* most objects are two to four words: plain stores, few branches (a
     * loop here would be compiled into a memset call) */
    uint64_t *w = (uint64_t *)h;
    size = size < 16 ? 16 : (size + 7) & ~(size_t)7;
    w[1] = 0;
    if (size > 16) {
        w[2] = 0;
        if (size > 24) {
            w[3] = 0;
            if (size > 32) memset(w + 4, 0, size - 32);
        }
    }
    return h;
}

/* ---- roots -------------------------------------------------------------------- */

void rt_add_roots(rt_val *start, size_t count) {
    GROW(H.ranges, H.nranges, H.ranges_cap);
    H.ranges[H.nranges++] = (range){start, count};
}

void rt_remove_roots(rt_val *start) {
    for (size_t i = H.nranges; i-- > 0;) {
        if (H.ranges[i].start == start) {
            H.ranges[i] = H.ranges[--H.nranges];
            return;
        }
    }
}

void rt_push_root(rt_val *slot) {
    GROW(H.handles, H.nhandles, H.handles_cap);
    H.handles[H.nhandles++] = slot;
}

void rt_pop_roots(size_t n) { H.nhandles -= n; }
size_t rt_handle_depth(void) { return H.nhandles; }
void rt_handle_restore(size_t depth) { H.nhandles = depth; }

void rt_set_extra_roots(void (*scan)(void *ctx), void *ctx) {
    H.extra = scan;
    H.extra_ctx = ctx;
}

/* ---- marking ----------------------------------------------------------------- */

static inline int in_heap(rt_val v) { return (uintptr_t)v - (uintptr_t)H.lo < H.span; }

_Noreturn static void dangling(void) {
    rt_flush();
    fputs("error[internal]: gc found a reference to a freed object\n", stderr);
    _Exit(70);
}

void rt_gc_mark_val(rt_val v) {
    if (!rt_is_ptr(v) || !in_heap(v)) return;
    rt_header *h = (rt_header *)v;
    uintptr_t t = h->type;
    if (t & 1) return;
    if (RT_UNLIKELY(t == 0)) dangling();
    h->type = t | 1;
    switch (((const rt_type *)t)->kind) {
    case RT_K_STRING: case RT_K_INT: case RT_K_FLOAT: case RT_K_RAWCELL:
        return;   /* no references inside */
    default:
        GROW(H.mstack, H.msp, H.mcap);
        H.mstack[H.msp++] = h;
    }
}

static void trace(rt_header *h) {
    const rt_type *t = (const rt_type *)(h->type & ~(uintptr_t)1);
    switch (t->kind) {
    case RT_K_CONS:        /* an i64 / f64 cell's head is raw */
        if (!(t->rawmask & 1)) rt_gc_mark_val(((rt_cons *)h)->head);
        rt_gc_mark_val(((rt_cons *)h)->tail);
        break;
    case RT_K_CELL: case RT_K_STATE:
        rt_gc_mark_val(((rt_cell *)h)->value);
        break;
    case RT_K_CLOSURE: {
        rt_closure *c = (rt_closure *)h;
        uint64_t raw = c->info->rawmask;
        for (uint32_t i = 0; i < c->info->nfree; i++)
            if (i >= 64 || !(raw >> i & 1)) rt_gc_mark_val(c->free[i]);
        break;
    }
    case RT_K_TUPLE: case RT_K_ADT: {
        /* raw fields (rawmask; fields >= 64 are always rt_val) are not traced */
        int64_t n;
        rt_val *f;
        if (t->kind == RT_K_TUPLE) { n = ((rt_record *)h)->n; f = ((rt_record *)h)->fields; }
        else { n = t->nfields; f = ((rt_adt *)h)->fields; }
        uint64_t raw = t->rawmask;
        if (!raw) {
            for (int64_t i = 0; i < n; i++) rt_gc_mark_val(f[i]);
        } else {
            for (int64_t i = 0; i < n; i++)
                if (i >= 64 || !(raw >> i & 1)) rt_gc_mark_val(f[i]);
        }
        break;
    }
    case RT_K_ERROR:
        rt_gc_mark_val(((rt_errval *)h)->kind);
        rt_gc_mark_val(((rt_errval *)h)->message);
        break;
    default:
        break;
    }
}

static void mark_range(const rt_val *p, const rt_val *end) {
    for (; p < end; p++) rt_gc_mark_val(*p);
}

static void mark_all(void) {
    if (rt_shadow_base) mark_range(rt_shadow_base, rt_shadow_sp);
    for (size_t i = 0; i < H.nranges; i++)
        mark_range(H.ranges[i].start, H.ranges[i].start + H.ranges[i].count);
    for (size_t i = 0; i < H.nhandles; i++) rt_gc_mark_val(*H.handles[i]);
    if (H.extra) H.extra(H.extra_ctx);
    while (H.msp > 0) trace(H.mstack[--H.msp]);
}

/* ---- sweeping ------------------------------------------------------------------- */

static void release_block(block *b) {
    b->cls = CLASS_FREE;
    b->resident = 1;
    b->next = H.free_blocks;
    H.free_blocks = b;
    H.free_resident++;
}

/* Rebuilds the class's free list in address order; returns its live bytes. */
static uint64_t sweep_class(sclass *sc) {
    uint64_t live_bytes = 0;
    rt_header *head = NULL, **tailp = &head;
    block **bp = &sc->blocks;
    while (*bp) {
        block *b = *bp;
        char *start = block_start(b);
        char *end = b == sc->cur ? sc->bump : start + (size_t)sc->nslots * sc->size;
        rt_header **saved = tailp;
        uint32_t live = 0;
        for (char *p = start; p < end; p += sc->size) {
            rt_header *h = (rt_header *)p;
            uintptr_t t = h->type;
            if (t & 1) {
                h->type = t & ~(uintptr_t)1;
                live++;
                continue;
            }
            h->type = 0;
            *tailp = h;
            tailp = slot_next(h);
        }
        if (live == 0) {
            tailp = saved;        /* drop this block's slots from the list */
            if (b == sc->cur) {
                sc->bump = start;
                bp = &b->next;
            } else {
                *bp = b->next;
                release_block(b);
            }
            continue;
        }
        live_bytes += (uint64_t)live * sc->size;
        bp = &b->next;
    }
    *tailp = NULL;
    sc->free = head;
    return live_bytes;
}

static uint64_t sweep_large(void) {
    uint64_t live_bytes = 0;
    large *l = H.large_list;
    while (l) {
        large *next = l->next;
        rt_header *h = (rt_header *)((char *)l + LARGE_PREFIX);
        if (h->type & 1) {
            h->type &= ~(uintptr_t)1;
            live_bytes += l->span - LARGE_PREFIX;
        } else {
            if (l->prev) l->prev->next = next; else H.large_list = next;
            if (next) next->prev = l->prev;
            runs_give((char *)l, l->span);
        }
        l = next;
    }
    return live_bytes;
}

/* Keep two allocation budgets of empty blocks resident (a heap whose live
 * size swings between collections reuses them instead of faulting fresh
 * pages, which with huge pages means clearing 2 MiB at a time); give the
 * rest of their pages back to the OS. */
static void trim_free_blocks(void) {
    size_t keep = 2 * (size_t)(MIN_TRIGGER > H.live_bytes ? MIN_TRIGGER : H.live_bytes) / BLOCK_SIZE + 1, n = 0;
    if (H.free_resident <= keep) return;
    for (block *b = H.free_blocks; b; b = b->next) {
        if (b->resident && ++n > keep) {
            madvise(block_start(b), BLOCK_SIZE, MADV_DONTNEED);
            b->resident = 0;
            H.free_resident--;
        }
    }
}

void rt_gc_collect(void) {
    if (!H.inited) rt_gc_init();
    if (H.active) return;
    H.active = 1;
    double t0 = now_ms();
    /* the heap is at its largest right before a collection */
    if (H.live_bytes + H.since > H.peak) H.peak = H.live_bytes + H.since;
    H.total_alloc += H.since;
    mark_all();
    uint64_t live = sweep_large();
    for (size_t c = 0; c < NCLASSES; c++) live += sweep_class(&H.cls[c]);
    H.live_bytes = live;
    H.since = 0;
    set_trigger();
    trim_free_blocks();
    double pause = now_ms() - t0;
    H.total_pause += pause;
    if (pause > H.max_pause) H.max_pause = pause;
    H.collections++;
    H.active = 0;
}

/* ---- statistics ------------------------------------------------------------------ */

static uint64_t peak_now(void) {
    uint64_t heap = H.live_bytes + H.since;
    return heap > H.peak ? heap : H.peak;
}

void rt_gc_get_stats(rt_gc_stats *out) {
    out->collections = H.collections;
    out->allocated_bytes = H.total_alloc + H.since;
    out->heap_bytes = H.live_bytes + H.since;
    out->live_bytes = H.live_bytes;
    out->peak_heap_bytes = peak_now();
    out->total_pause_ms = H.total_pause;
    out->max_pause_ms = H.max_pause;
}

void rt_gc_print_stats(void) {
    if (!H.stats) return;
    fprintf(stderr, "gc: collections=%llu allocated=%llu peak-heap=%llu total-pause=%.3fms max-pause=%.3fms\n",
            (unsigned long long)H.collections, (unsigned long long)(H.total_alloc + H.since),
            (unsigned long long)peak_now(), H.total_pause, H.max_pause);
}
