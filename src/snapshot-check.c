/* SPDX-License-Identifier: MIT */
/*
 * The checks of a snapshot load that take a pass over the large tables:
 * the checksum of every section the load has not verified yet, and the
 * bounds of every offset in the account tables and the indexes, so that a
 * damaged or crafted file cannot make matching read out of bounds or loop.
 * At a million accounts that is a pass over some 220 MB of checksummed
 * bytes plus about 150 MB of structure; the tasks are independent, so they
 * run on a few threads (a checklist, longest first) and the load returns
 * only once all have passed.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "checklist.h"
#include "matcher-internal.h"

enum task_kind { CHECK_SECTION, CHECK_ACCOUNTS, CHECK_STRINGS, CHECK_DOMAIN_MAP, CHECK_NAME_MAP, CHECK_TRIGRAMS };

typedef struct snap_task {
    enum task_kind kind;
    uint32_t section; /* CHECK_SECTION: its index in the file */
    size_t lo, hi;    /* CHECK_ACCOUNTS: the accounts [lo, hi) */
    uint64_t cost;    /* about the bytes read, to start with the longest */
} snap_task;

/* Memory bandwidth, not cores, bounds the checks: more threads than this gain nothing. */
#define MAX_THREADS 4
/* Below this many bytes to read, starting a thread costs more than it saves. */
#define BYTES_PER_THREAD (8u << 20)
/* The account check is cut into this many tasks at most, so that threads can share it. */
#define ACCOUNT_TASKS 8
/* Comparing neighbouring ids reads the arena out of order: weigh it as this many bytes per account. */
#define ID_ORDER_COST 64
#define MAX_TASKS (L2A_SNAP_MAX_SECTIONS + ACCOUNT_TASKS + 4)

typedef struct snap_checks {
    const l2a_matcher *m;
    size_t n_tasks;
    snap_task task[MAX_TASKS];
} snap_checks;

/*
 * A string is an offset into the arena, read as a C string. The load made
 * sure that the arena's last byte is a NUL, so any offset below its size
 * ends at that NUL at the latest: no NUL needs checking string by string.
 */
static int text_ok(uint32_t off, size_t arena_size)
{
    return (size_t)off < arena_size;
}

static int account_ok(const l2a_segment *seg, const l2a_account *a, size_t arena_size)
{
    return text_ok(a->id, arena_size) && text_ok(a->name, arena_size) && text_ok(a->region, arena_size) &&
           text_ok(a->city, arena_size) && text_ok(a->phone, arena_size) && a->country[2] == '\0' &&
           (size_t)a->first_alias + a->n_aliases <= seg->n_aliases &&
           (size_t)a->first_domain + a->n_domains <= seg->n_doms;
}

/*
 * Accounts [lo, hi): their offsets in bounds, and ids in strictly
 * increasing order from the account before lo on (the order that lookups
 * by id and merges with account changes rely on).
 */
static int accounts_ok(const l2a_segment *seg, size_t lo, size_t hi)
{
    const char *arena = seg->arena.data;
    size_t arena_size = seg->arena.len + 1, i;

    for (i = lo; i < hi; i++) {
        const l2a_account *a = &seg->accounts[i];
        if (!account_ok(seg, a, arena_size))
            return 0;
        /* The account before was checked by this task or by the one before it: both ids are in bounds. */
        if (i && text_ok(seg->accounts[i - 1].id, arena_size) &&
            strcmp(arena + seg->accounts[i - 1].id, arena + a->id) >= 0)
            return 0;
    }
    return 1;
}

static int strings_ok(const l2a_segment *seg)
{
    size_t arena_size = seg->arena.len + 1, i;

    for (i = 0; i < seg->n_aliases; i++)
        if (!text_ok(seg->aliases[i], arena_size))
            return 0;
    for (i = 0; i < seg->n_doms; i++)
        if (!text_ok(seg->doms[i], arena_size))
            return 0;
    return 1;
}

static int run_task(const void *ctx, size_t t)
{
    const snap_checks *c = ctx;
    const snap_task *task = &c->task[t];
    const l2a_matcher *m = c->m;
    uint32_t n = (uint32_t)m->base.n_accounts;

    switch (task->kind) {
    case CHECK_SECTION:
        return l2a_snapr_verify(m->snapshot, task->section);
    case CHECK_ACCOUNTS:
        return !accounts_ok(&m->base, task->lo, task->hi);
    case CHECK_STRINGS:
        return !strings_ok(&m->base);
    case CHECK_DOMAIN_MAP:
        return l2a_kmap_check(m->base.domain_map, n);
    case CHECK_NAME_MAP:
        return l2a_kmap_check(m->base.name_map, n);
    case CHECK_TRIGRAMS:
        return l2a_tri_check(m->base.trigrams, m->snapshot, L2A_SNAP_TAG_TRIGRAMS);
    }
    return 1;
}

/* Longest first, so that the threads sharing the work finish together. */
static int by_cost(const void *a, const void *b)
{
    const snap_task *x = a, *y = b;

    return (x->cost < y->cost) - (x->cost > y->cost);
}

static uint64_t section_size(const l2a_snap_reader *r, uint32_t tag)
{
    size_t size = 0;

    (void)l2a_snapr_section(r, tag, &size);
    return size;
}

/* The bytes an index check reads: the sections of its tags [tag, tag + 16). */
static uint64_t index_size(const l2a_snap_reader *r, uint32_t tag)
{
    uint64_t total = 0;
    uint32_t n = 16;

    while (n--)
        total += section_size(r, tag++);
    return total;
}

static void plan_accounts(snap_checks *c)
{
    size_t n = c->m->base.n_accounts, per = (n + ACCOUNT_TASKS - 1) / ACCOUNT_TASKS, lo;

    for (lo = 0; lo < n; lo += per) {
        size_t hi = n - lo < per ? n : lo + per;
        c->task[c->n_tasks++] =
            (snap_task){CHECK_ACCOUNTS, 0, lo, hi, (hi - lo) * (sizeof(l2a_account) + ID_ORDER_COST)};
    }
}

static void plan(snap_checks *c, uint64_t verified)
{
    const l2a_matcher *m = c->m;
    const l2a_snap_reader *r = m->snapshot;
    uint32_t n = l2a_snapr_count(r), i;

    c->n_tasks = 0;
    for (i = 0; i < n; i++)
        if (!(verified >> i & 1))
            c->task[c->n_tasks++] = (snap_task){CHECK_SECTION, i, 0, 0, section_size(r, l2a_snapr_tag(r, i))};
    plan_accounts(c);
    c->task[c->n_tasks++] =
        (snap_task){CHECK_STRINGS, 0, 0, 0, (m->base.n_aliases + m->base.n_doms) * sizeof(uint32_t)};
    c->task[c->n_tasks++] = (snap_task){CHECK_DOMAIN_MAP, 0, 0, 0, index_size(r, L2A_SNAP_TAG_DOMAIN_MAP)};
    c->task[c->n_tasks++] = (snap_task){CHECK_NAME_MAP, 0, 0, 0, index_size(r, L2A_SNAP_TAG_NAME_MAP)};
    c->task[c->n_tasks++] = (snap_task){CHECK_TRIGRAMS, 0, 0, 0, index_size(r, L2A_SNAP_TAG_TRIGRAMS)};
    qsort(c->task, c->n_tasks, sizeof *c->task, by_cost);
}

/* As many threads as the bytes to read are worth, up to the cores online: one for a small file. */
static unsigned thread_count(const snap_checks *c)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    uint64_t bytes = 0, n;
    size_t t;

    for (t = 0; t < c->n_tasks; t++)
        bytes += c->task[t].cost;
    n = bytes / BYTES_PER_THREAD;
    if (cores >= 1 && n > (uint64_t)cores)
        n = (uint64_t)cores;
    return n < 1 ? 1 : n > MAX_THREADS ? MAX_THREADS : (unsigned)n;
}

/*
 * Damage is reported as such, though a damaged table may fail a structural
 * check first (then the checksum that would have caught it may not have
 * run): a failure of the rare kind, so the sections are verified again here.
 */
static const char *what_failed(const snap_checks *c, const snap_task *t, uint64_t verified)
{
    const l2a_snap_reader *r = c->m->snapshot;
    uint32_t n = l2a_snapr_count(r), i;

    for (i = 0; t->kind != CHECK_SECTION && i < n; i++)
        if (!(verified >> i & 1) && l2a_snapr_verify(r, i) != L2A_OK)
            return "checksum mismatch in a table (corrupted)";
    switch (t->kind) {
    case CHECK_SECTION:
        return "checksum mismatch in a table (corrupted)";
    case CHECK_ACCOUNTS:
    case CHECK_STRINGS:
        return "account tables out of bounds or out of order";
    default:
        return "index tables out of bounds";
    }
}

int l2a_snapshot_check(const l2a_matcher *m, const char *path, uint64_t verified, char *errmsg)
{
    snap_checks *c = l2a_calloc(1, sizeof *c);
    l2a_checklist *list;
    long failed;

    if (!c)
        return l2a_set_error(errmsg, L2A_ERR_NOMEM, "out of memory");
    c->m = m;
    plan(c, verified);
    if (l2a_checklist_new(c->n_tasks, run_task, c, &list) != L2A_OK) {
        l2a_free(c);
        return l2a_set_error(errmsg, L2A_ERR_NOMEM, "out of memory");
    }
    failed = l2a_checklist_run_parallel(list, thread_count(c));
    l2a_checklist_free(list);
    if (failed >= 0)
        (void)l2a_set_error(errmsg, L2A_ERR_SNAPSHOT_FORMAT, "%s: not a usable snapshot: %s", path,
                            what_failed(c, &c->task[failed], verified));
    l2a_free(c);
    return failed >= 0 ? L2A_ERR_SNAPSHOT_FORMAT : L2A_OK;
}
