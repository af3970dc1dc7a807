/* SPDX-License-Identifier: MIT */
#include "idset.h"

#include <stdint.h>
#include <string.h>
#include <xxhash.h>

#include "alloc.h"
#include "buf.h"
#include "l2a.h"

typedef struct slot {
    uint64_t hash;
    uint32_t off; /* offset of the key in the arena, plus one; 0 marks an empty slot */
    uint32_t len;
} slot;

struct l2a_idset {
    slot *slots;
    size_t mask; /* capacity - 1, capacity a power of two */
    size_t count;
    l2a_buf keys;
};

int l2a_idset_new(l2a_idset **out)
{
    l2a_idset *s = l2a_calloc(1, sizeof *s);

    *out = NULL;
    if (!s)
        return L2A_ERR_NOMEM;
    s->slots = l2a_calloc(64, sizeof *s->slots);
    if (!s->slots) {
        l2a_free(s);
        return L2A_ERR_NOMEM;
    }
    s->mask = 63;
    *out = s;
    return L2A_OK;
}

void l2a_idset_free(l2a_idset *s)
{
    if (!s)
        return;
    l2a_free(s->slots);
    l2a_buf_free(&s->keys);
    l2a_free(s);
}

static size_t find_slot(const slot *slots, size_t mask, uint64_t hash, const char *keys, const char *key,
                        size_t len)
{
    size_t i = (size_t)hash & mask;

    for (;; i = (i + 1) & mask) {
        const slot *sl = &slots[i];
        if (sl->off == 0)
            return i;
        if (sl->hash == hash && sl->len == len && memcmp(keys + sl->off - 1, key, len) == 0)
            return i;
    }
}

static int grow(l2a_idset *s)
{
    size_t cap = (s->mask + 1) * 2, i;
    slot *slots = l2a_mallocarray(cap, sizeof *slots);

    if (!slots)
        return L2A_ERR_NOMEM;
    memset(slots, 0, cap * sizeof *slots);
    for (i = 0; i <= s->mask; i++) {
        if (s->slots[i].off) {
            size_t j = (size_t)s->slots[i].hash & (cap - 1);
            while (slots[j].off)
                j = (j + 1) & (cap - 1);
            slots[j] = s->slots[i];
        }
    }
    l2a_free(s->slots);
    s->slots = slots;
    s->mask = cap - 1;
    return L2A_OK;
}

int l2a_idset_insert(l2a_idset *s, const char *key, size_t len, int *inserted)
{
    uint64_t hash = XXH3_64bits(key, len);
    size_t i;
    int rc;

    *inserted = 0;
    i = find_slot(s->slots, s->mask, hash, l2a_buf_str(&s->keys), key, len);
    if (s->slots[i].off)
        return L2A_OK;
    if (s->keys.len + len + 1 >= UINT32_MAX)
        return L2A_ERR_NOMEM;
    if ((s->count + 1) * 2 > s->mask + 1) {
        if ((rc = grow(s)) != L2A_OK)
            return rc;
        i = find_slot(s->slots, s->mask, hash, l2a_buf_str(&s->keys), key, len);
    }
    if ((rc = l2a_buf_reserve(&s->keys, len + 1)) != L2A_OK)
        return rc;
    s->slots[i].hash = hash;
    s->slots[i].off = (uint32_t)s->keys.len + 1;
    s->slots[i].len = (uint32_t)len;
    l2a_buf_append(&s->keys, key, len);
    l2a_buf_putc(&s->keys, '\0');
    s->count++;
    *inserted = 1;
    return L2A_OK;
}
