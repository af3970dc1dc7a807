/* SPDX-License-Identifier: MIT */
/*
 * Blocks of at least LARGE_BLOCK bytes (the indexes' arrays, their builders'
 * scratch, the per-thread accumulators) are mapped on their own and asked to
 * be backed by huge pages before they are first touched. A match reads
 * thousands of places scattered over arrays of tens of megabytes: with 4 KiB
 * pages nearly each read also misses the TLB, and with 2 MiB pages almost
 * none does. A heap block could not carry the request: its pages may have
 * been touched before, and then keep their size. Where the system has no
 * such request, and under the sanitizers (so that they keep guarding every
 * block), all blocks come from the heap.
 *
 * Every block starts with a header giving its size and, for a mapping, the
 * mapping's size, so that l2a_free and l2a_realloc know which it is.
 */
#if defined(__linux__)
/* mmap's MAP_ANONYMOUS, madvise and mremap are not in POSIX. */
#define _GNU_SOURCE 1
#endif

#include "alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#ifdef L2A_ALLOC_FAILURE_INJECTION
#include "alloc-inject.h"
#define MAY_FAIL() (l2a_alloc_inject_should_fail())
/* Live blocks are counted, so that a test can see a leak without valgrind. */
#define NOTE_LIVE(delta) l2a_alloc_inject_note_live(delta)
#else
#define MAY_FAIL() 0
#define NOTE_LIVE(delta) ((void)0)
#endif

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define UNDER_SANITIZER 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define UNDER_SANITIZER 1
#endif

#if defined(__linux__) && defined(MADV_HUGEPAGE) && defined(MREMAP_MAYMOVE) && !defined(UNDER_SANITIZER)
#define MAP_LARGE_BLOCKS 1
#else
#define MAP_LARGE_BLOCKS 0
#endif

/* A huge page's size: smaller blocks would gain nothing from a mapping of their own. */
#define LARGE_BLOCK ((size_t)2 << 20)
#define PAGE ((size_t)4096)

/* 16 bytes, so that the block after it keeps malloc's alignment. */
typedef struct block_header {
    size_t size;     /* bytes asked for */
    size_t map_size; /* bytes mapped, header included; 0 for a heap block */
} block_header;

#define HEADER sizeof(block_header)

static block_header *header_of(void *p)
{
    return (block_header *)(void *)((char *)p - HEADER);
}

static void *block_of(block_header *h)
{
    return (char *)h + HEADER;
}

static int fits_header(size_t size)
{
    return size <= SIZE_MAX - HEADER - PAGE;
}

#if MAP_LARGE_BLOCKS
static size_t map_size_for(size_t size)
{
    return (size + HEADER + PAGE - 1) / PAGE * PAGE;
}
#endif

#if MAP_LARGE_BLOCKS
/* The header of a block at the start of mapping m (MAP_FAILED: NULL). */
static block_header *mapped_block(void *m, size_t size, size_t map_size)
{
    block_header *h = m;

    if (m == MAP_FAILED)
        return NULL;
    h->size = size;
    h->map_size = map_size;
    return h;
}
#endif

/* A mapping of its own for a large block, zero-filled; NULL when it cannot be mapped. */
static block_header *map_block(size_t size)
{
#if MAP_LARGE_BLOCKS
    size_t map_size = map_size_for(size);
    void *m = mmap(NULL, map_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    /* Only a request: a refusal leaves the block as good as a heap one. */
    if (m != MAP_FAILED)
        (void)madvise(m, map_size, MADV_HUGEPAGE);
    return mapped_block(m, size, map_size);
#else
    (void)size;
    return NULL;
#endif
}

static void release(block_header *h)
{
#if MAP_LARGE_BLOCKS
    if (h->map_size) {
        munmap(h, h->map_size);
        return;
    }
#endif
    free(h);
}

static void *allocate(size_t size, int zeroed)
{
    block_header *h = NULL;

    if (!fits_header(size))
        return NULL;
    if (size >= LARGE_BLOCK)
        h = map_block(size);
    if (!h) {
        h = zeroed ? calloc(1, size + HEADER) : malloc(size + HEADER);
        if (!h)
            return NULL;
        h->size = size;
        h->map_size = 0;
    }
    NOTE_LIVE(1);
    return block_of(h);
}

void *l2a_malloc(size_t size)
{
    if (MAY_FAIL())
        return NULL;
    return allocate(size, 0);
}

void *l2a_calloc(size_t count, size_t size)
{
    if (MAY_FAIL())
        return NULL;
    if (size && count > SIZE_MAX / size)
        return NULL;
    return allocate(count * size, 1);
}

/* A mapped block resized in place or moved by the kernel, keeping its pages' request. */
static block_header *remap_block(block_header *h, size_t size)
{
#if MAP_LARGE_BLOCKS
    size_t map_size = map_size_for(size);

    return mapped_block(mremap(h, h->map_size, map_size, MREMAP_MAYMOVE), size, map_size);
#else
    (void)h;
    (void)size;
    return NULL;
#endif
}

/* Into a block of the other kind: a copy. */
static void *move_block(block_header *h, size_t size)
{
    void *p = allocate(size, 0);

    if (!p)
        return NULL;
    NOTE_LIVE(-1);
    memcpy(p, block_of(h), h->size < size ? h->size : size);
    release(h);
    return p;
}

void *l2a_realloc(void *ptr, size_t size)
{
    block_header *h, *moved;

    if (MAY_FAIL())
        return NULL;
    if (!ptr)
        return allocate(size, 0);
    if (!fits_header(size))
        return NULL;
    h = header_of(ptr);
    if (h->map_size && size >= LARGE_BLOCK) {
        moved = remap_block(h, size);
        return moved ? block_of(moved) : move_block(h, size);
    }
    if (!h->map_size && (size < LARGE_BLOCK || !MAP_LARGE_BLOCKS)) {
        moved = realloc(h, size + HEADER);
        if (!moved)
            return NULL;
        moved->size = size;
        return block_of(moved);
    }
    return move_block(h, size);
}

void l2a_free(void *ptr)
{
    if (!ptr)
        return;
    NOTE_LIVE(-1);
    release(header_of(ptr));
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
