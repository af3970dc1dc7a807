/* SPDX-License-Identifier: MIT */
#include "idset.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <xxhash.h>

#include "alloc.h"
#include "buf.h"
#include "l2a.h"

/*
 * Eight-byte slots keep the table small: at a million ids it is the largest
 * random-access structure of account loading, and each insert costs about
 * one cache miss in it. A slot holds 32 bits of the key's hash (which also
 * place it, so growing reads no key) and where the key is kept.
 */
typedef struct slot {
    uint32_t tag;
    uint32_t off; /* offset of the key's length in keys, plus one; 0 marks an empty slot */
} slot;

struct l2a_idset {
    slot *slots;
    unsigned bits; /* capacity is 1 << bits */
    size_t count;
    l2a_buf keys; /* each key as a uint32_t length (native order) and its bytes */
};

#define FIRST_BITS 6

static size_t home_of(uint32_t tag, unsigned bits)
{
    return (size_t)((tag * 0x9E3779B1u) >> (32 - bits));
}

int l2a_idset_new(l2a_idset **out)
{
    l2a_idset *s = l2a_calloc(1, sizeof *s);

    *out = NULL;
    if (!s)
        return L2A_ERR_NOMEM;
    s->slots = l2a_calloc((size_t)1 << FIRST_BITS, sizeof *s->slots);
    if (!s->slots) {
        l2a_free(s);
        return L2A_ERR_NOMEM;
    }
    s->bits = FIRST_BITS;
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

static bool key_equals(const l2a_idset *s, uint32_t off, const char *key, size_t len)
{
    const char *stored = s->keys.data + off - 1;
    uint32_t stored_len;

    memcpy(&stored_len, stored, sizeof stored_len);
    return stored_len == len && memcmp(stored + sizeof stored_len, key, len) == 0;
}

static size_t find_slot(const l2a_idset *s, uint32_t tag, const char *key, size_t len)
{
    size_t mask = ((size_t)1 << s->bits) - 1, i = home_of(tag, s->bits);

    for (;; i = (i + 1) & mask) {
        const slot *sl = &s->slots[i];
        if (sl->off == 0)
            return i;
        if (sl->tag == tag && key_equals(s, sl->off, key, len))
            return i;
    }
}

static int grow(l2a_idset *s)
{
    unsigned bits = s->bits + 1;
    size_t cap = (size_t)1 << bits, mask = cap - 1, i;
    /* calloc: large blocks come zeroed from the system, with no pass of memset */
    slot *slots = bits < 32 ? l2a_calloc(cap, sizeof *slots) : NULL;

    if (!slots)
        return L2A_ERR_NOMEM;
    for (i = 0; i < cap / 2; i++) {
        if (s->slots[i].off) {
            size_t j = home_of(s->slots[i].tag, bits);
            while (slots[j].off)
                j = (j + 1) & mask;
            slots[j] = s->slots[i];
        }
    }
    l2a_free(s->slots);
    s->slots = slots;
    s->bits = bits;
    return L2A_OK;
}

int l2a_idset_insert(l2a_idset *s, const char *key, size_t len, int *inserted)
{
    uint32_t tag = (uint32_t)(XXH3_64bits(key, len) >> 32), len32 = (uint32_t)len;
    size_t i;
    int rc;

    *inserted = 0;
    i = find_slot(s, tag, key, len);
    if (s->slots[i].off)
        return L2A_OK;
    if (len > UINT32_MAX - sizeof len32 - 1 ||
        s->keys.len + sizeof len32 + len + 1 >= UINT32_MAX)
        return L2A_ERR_NOMEM;
    if ((s->count + 1) * 2 > (size_t)1 << s->bits) {
        if ((rc = grow(s)) != L2A_OK)
            return rc;
        i = find_slot(s, tag, key, len);
    }
    if ((rc = l2a_buf_reserve(&s->keys, sizeof len32 + len)) != L2A_OK)
        return rc;
    s->slots[i].tag = tag;
    s->slots[i].off = (uint32_t)s->keys.len + 1;
    l2a_buf_append(&s->keys, (const char *)&len32, sizeof len32);
    l2a_buf_append(&s->keys, key, len);
    s->count++;
    *inserted = 1;
    return L2A_OK;
}
