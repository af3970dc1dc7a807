/* SPDX-License-Identifier: MIT */
#include "idset.h"

#include <stdlib.h>
#include <xxhash.h>

#include "util.h"

void idset_init(idset *s)
{
    s->capacity = 1024;
    s->count = 0;
    s->slots = xcalloc(s->capacity, sizeof *s->slots);
}

static bool insert_hash(uint64_t *slots, size_t capacity, uint64_t h)
{
    size_t mask = capacity - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        if (slots[i] == h)
            return false;
        if (slots[i] == 0) {
            slots[i] = h;
            return true;
        }
    }
}

static void grow(idset *s)
{
    size_t capacity = s->capacity * 2;
    uint64_t *slots = xcalloc(capacity, sizeof *slots);
    for (size_t i = 0; i < s->capacity; i++)
        if (s->slots[i])
            insert_hash(slots, capacity, s->slots[i]);
    free(s->slots);
    s->slots = slots;
    s->capacity = capacity;
}

bool idset_add(idset *s, const char *id, size_t len)
{
    uint64_t h = XXH3_64bits(id, len);
    if (h == 0)
        h = 1; /* 0 marks empty slots */
    /* A load of at most 3/4 keeps linear probes short. */
    if (4 * (s->count + 1) > 3 * s->capacity)
        grow(s);
    if (!insert_hash(s->slots, s->capacity, h))
        return false;
    s->count++;
    return true;
}

void idset_free(idset *s)
{
    free(s->slots);
    s->slots = NULL;
    s->capacity = s->count = 0;
}
