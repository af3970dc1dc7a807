/* SPDX-License-Identifier: MIT */
#include "checklist.h"

#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

#include "alloc.h"
#include "l2a.h"

enum { TASK_TODO = 0, TASK_RUNNING = 1, TASK_PASSED = 2, TASK_FAILED = 3 };

#define VERDICT_PENDING (-2L)
#define VERDICT_PASSED (-1L)

/* How long a thread sleeps between looks at tasks that other threads run. */
#define WAIT_NS 100000L
#define MAX_HELPERS 7

struct l2a_checklist {
    l2a_check_fn fn;
    const void *ctx;
    size_t n;
    _Atomic long verdict;
    _Atomic int *task;
};

int l2a_checklist_new(size_t n_tasks, l2a_check_fn fn, const void *ctx, l2a_checklist **out)
{
    l2a_checklist *c = l2a_calloc(1, sizeof *c);
    size_t i;

    *out = NULL;
    if (!c)
        return L2A_ERR_NOMEM;
    c->task = l2a_mallocarray(n_tasks ? n_tasks : 1, sizeof *c->task);
    if (!c->task) {
        l2a_free(c);
        return L2A_ERR_NOMEM;
    }
    for (i = 0; i < n_tasks; i++)
        atomic_init(&c->task[i], TASK_TODO);
    atomic_init(&c->verdict, n_tasks ? VERDICT_PENDING : VERDICT_PASSED);
    c->fn = fn;
    c->ctx = ctx;
    c->n = n_tasks;
    *out = c;
    return L2A_OK;
}

void l2a_checklist_free(l2a_checklist *c)
{
    if (!c)
        return;
    l2a_free((void *)c->task);
    l2a_free(c);
}

/* Claims task i if nobody has, and runs it. Returns the task's status as this thread last saw it. */
static int claim_and_run(l2a_checklist *c, size_t i)
{
    int status = TASK_TODO;

    if (!atomic_compare_exchange_strong_explicit(&c->task[i], &status, TASK_RUNNING, memory_order_acq_rel,
                                                 memory_order_acquire))
        return status;
    status = c->fn(c->ctx, i) == 0 ? TASK_PASSED : TASK_FAILED;
    atomic_store_explicit(&c->task[i], status, memory_order_release);
    return status;
}

static long settle(l2a_checklist *c, long verdict)
{
    long pending = VERDICT_PENDING;

    atomic_compare_exchange_strong_explicit(&c->verdict, &pending, verdict, memory_order_acq_rel,
                                            memory_order_acquire);
    return atomic_load_explicit(&c->verdict, memory_order_acquire);
}

long l2a_checklist_run(l2a_checklist *c)
{
    long verdict = atomic_load_explicit(&c->verdict, memory_order_acquire);

    if (verdict != VERDICT_PENDING)
        return verdict;
    for (;;) {
        struct timespec pause = {0, WAIT_NS};
        int others_running = 0;
        size_t i;

        for (i = 0; i < c->n; i++) {
            int status = claim_and_run(c, i);
            if (status == TASK_FAILED)
                return settle(c, (long)i);
            others_running |= status == TASK_RUNNING;
            /* Another thread found a failure: the rest need not run. */
            verdict = atomic_load_explicit(&c->verdict, memory_order_acquire);
            if (verdict != VERDICT_PENDING)
                return verdict;
        }
        if (!others_running)
            return settle(c, VERDICT_PASSED);
        nanosleep(&pause, NULL);
    }
}

static void *help(void *c)
{
    (void)l2a_checklist_run(c);
    return NULL;
}

long l2a_checklist_run_parallel(l2a_checklist *c, unsigned max_threads)
{
    pthread_t helper[MAX_HELPERS];
    unsigned n_helpers = 0, wanted = max_threads > 1 ? max_threads - 1 : 0;
    long verdict;

    if (atomic_load_explicit(&c->verdict, memory_order_acquire) != VERDICT_PENDING)
        return atomic_load_explicit(&c->verdict, memory_order_acquire);
    if (wanted > MAX_HELPERS)
        wanted = MAX_HELPERS;
    while (n_helpers < wanted && pthread_create(&helper[n_helpers], NULL, help, c) == 0)
        n_helpers++;
    verdict = l2a_checklist_run(c);
    while (n_helpers > 0)
        pthread_join(helper[--n_helpers], NULL);
    return verdict;
}
