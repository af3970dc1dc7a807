/* SPDX-License-Identifier: MIT */
/*
 * Independent checks shared out between threads: a fixed list of tasks, each
 * run once by whichever thread claims it first, with the verdict kept. A
 * thread that needs the verdict runs the tasks nobody has claimed, then waits
 * for the ones other threads are running, so the threads divide the work
 * instead of repeating it. No lock is held while a task runs.
 */
#ifndef L2A_CHECKLIST_H
#define L2A_CHECKLIST_H

#include <stddef.h>

/* Runs one task: 0 when its check passes. Must be safe to call from any thread. */
typedef int (*l2a_check_fn)(const void *ctx, size_t task);

typedef struct l2a_checklist l2a_checklist;

/* L2A_OK or L2A_ERR_NOMEM. Tasks are taken in index order: put the long ones first. */
int l2a_checklist_new(size_t n_tasks, l2a_check_fn fn, const void *ctx, l2a_checklist **out);
void l2a_checklist_free(l2a_checklist *c);

/*
 * Runs (or waits for) every task not yet done. Returns -1 when all passed,
 * else the index of a failed task; once known, the verdict is returned at
 * the cost of one atomic load. Thread-safe.
 */
long l2a_checklist_run(l2a_checklist *c);

/*
 * l2a_checklist_run() on up to max_threads threads, the caller's included
 * (the others are joined before it returns; when none can be started, the
 * caller runs everything alone).
 */
long l2a_checklist_run_parallel(l2a_checklist *c, unsigned max_threads);

#endif
