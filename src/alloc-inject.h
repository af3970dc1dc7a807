/* SPDX-License-Identifier: MIT */
/*
 * Allocation-failure injection, compiled only into test builds made with
 * -DL2A_ALLOC_FAILURE_INJECTION (tests/alloc-failure/). Once armed with n,
 * the n-th allocation through alloc.c from then on fails, and so does every
 * later one until the injector is disarmed or re-armed ("sticky"), or only
 * that one ("one-shot"). Counters are atomic, so threads may allocate while
 * the injector is armed; which thread sees the failure is then unspecified.
 */
#ifndef L2A_ALLOC_INJECT_H
#define L2A_ALLOC_INJECT_H

#include <stdbool.h>
#include <stddef.h>

/* Called by every allocation function in alloc.c: true means "fail this one". */
bool l2a_alloc_inject_should_fail(void);

/*
 * Arms the injector: counting from now, allocation number n (1-based)
 * fails. With sticky, every allocation after it fails too. n == 0 disarms.
 * Resets the counters.
 */
void l2a_alloc_inject_arm(size_t n, bool sticky);

/* Disarms the injector; allocations succeed again. The counters are kept. */
void l2a_alloc_inject_disarm(void);

/* Allocations attempted since the last arm (failed ones included). */
size_t l2a_alloc_inject_count(void);

/* Allocations that were made to fail since the last arm. */
size_t l2a_alloc_inject_failures(void);

/*
 * Blocks allocated through alloc.c and not yet freed, whether or not the
 * injector is armed: a scenario that ends with more live blocks than it
 * started with leaked. alloc.c reports each change with note_live().
 */
long l2a_alloc_inject_live(void);
void l2a_alloc_inject_note_live(int delta);

#endif
