/* SPDX-License-Identifier: MIT */
#include "alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifdef L2A_ALLOC_FAILURE_INJECTION
#include "alloc-inject.h"
#define MAY_FAIL() (l2a_alloc_inject_should_fail())
/* Live blocks are counted, so that a test can see a leak without valgrind. */
#define NOTE_LIVE(delta) l2a_alloc_inject_note_live(delta)
#else
#define MAY_FAIL() 0
#define NOTE_LIVE(delta) ((void)0)
#endif

void *l2a_malloc(size_t size)
{
    void *p;

    if (MAY_FAIL())
        return NULL;
    p = malloc(size ? size : 1);
    if (p)
        NOTE_LIVE(1);
    return p;
}

void *l2a_calloc(size_t count, size_t size)
{
    void *p;

    if (MAY_FAIL())
        return NULL;
    if (count == 0 || size == 0)
        count = size = 1;
    p = calloc(count, size);
    if (p)
        NOTE_LIVE(1);
    return p;
}

void *l2a_realloc(void *ptr, size_t size)
{
    void *p;

    if (MAY_FAIL())
        return NULL;
    p = realloc(ptr, size ? size : 1);
    if (p && !ptr)
        NOTE_LIVE(1);
    return p;
}

void l2a_free(void *ptr)
{
    if (ptr)
        NOTE_LIVE(-1);
    free(ptr);
}

void *l2a_mallocarray(size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        return NULL;
    return l2a_malloc(count * size);
}

void *l2a_reallocarray(void *ptr, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        return NULL;
    return l2a_realloc(ptr, count * size);
}

char *l2a_strndup(const char *s, size_t len)
{
    char *copy;

    if (len == SIZE_MAX)
        return NULL;
    copy = l2a_malloc(len + 1);
    if (!copy)
        return NULL;
    if (len)
        memcpy(copy, s, len);
    copy[len] = '\0';
    return copy;
}
