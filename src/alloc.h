/* SPDX-License-Identifier: MIT */
/*
 * Every allocation in the library goes through these wrappers, so that a
 * test build can make the n-th allocation fail and prove that each public
 * function then returns L2A_ERR_NOMEM without leaking.
 */
#ifndef L2A_ALLOC_H
#define L2A_ALLOC_H

#include <stddef.h>

void *l2a_malloc(size_t size);
void *l2a_calloc(size_t count, size_t size);
void *l2a_realloc(void *ptr, size_t size);
void l2a_free(void *ptr);

/* Overflow-checked count * size for array allocations; NULL on overflow. */
void *l2a_mallocarray(size_t count, size_t size);
void *l2a_reallocarray(void *ptr, size_t count, size_t size);

/* Copy of [s, s+len) with a terminating NUL; NULL on failure. */
char *l2a_strndup(const char *s, size_t len);

#endif
