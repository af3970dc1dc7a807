/* SPDX-License-Identifier: MIT */
#include "alloc-inject.h"

#include <stdatomic.h>

static atomic_size_t fail_at;   /* 0: disarmed */
static atomic_bool fail_sticky;
static atomic_size_t attempts;  /* allocations since the last arm */
static atomic_size_t failures;  /* failed since the last arm */
static atomic_long live;        /* blocks allocated and not freed */

bool l2a_alloc_inject_should_fail(void)
{
    size_t target = atomic_load(&fail_at);
    size_t n;

    if (target == 0)
        return false;
    n = atomic_fetch_add(&attempts, 1) + 1;
    if (n == target || (n > target && atomic_load(&fail_sticky))) {
        atomic_fetch_add(&failures, 1);
        return true;
    }
    return false;
}

void l2a_alloc_inject_arm(size_t n, bool sticky)
{
    atomic_store(&fail_at, 0);
    atomic_store(&attempts, 0);
    atomic_store(&failures, 0);
    atomic_store(&fail_sticky, sticky);
    atomic_store(&fail_at, n);
}

void l2a_alloc_inject_disarm(void)
{
    atomic_store(&fail_at, 0);
}

size_t l2a_alloc_inject_count(void)
{
    return atomic_load(&attempts);
}

size_t l2a_alloc_inject_failures(void)
{
    return atomic_load(&failures);
}

long l2a_alloc_inject_live(void)
{
    return atomic_load(&live);
}

void l2a_alloc_inject_note_live(int delta)
{
    atomic_fetch_add(&live, delta);
}
