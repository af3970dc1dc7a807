/* SPDX-License-Identifier: MIT */
/*
 * The layout of the trigram index, shared by its construction (trigram.c),
 * its queries (trigram-query.c) and its snapshot sections
 * (trigram-snapshot.c), with the few helpers they all use. Nothing outside
 * the index module includes this.
 */
#ifndef L2A_TRIGRAM_PRIVATE_H
#define L2A_TRIGRAM_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

/* Inlined: hashing three bytes costs a third of a library call. */
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "trigram.h"
#include "word-index.h"

#define NO_TRIGRAM UINT32_MAX

/*
 * An entry's sketch word: a bit per trigram in the low 56 bits, and the norm
 * on a log scale (32 steps per doubling) in the top byte, so that ranking a
 * candidate reads one word.
 */
#define SKETCH_BITS 56
#define NORM_STEPS_PER_OCTAVE 32.0

typedef struct tri_slot {
    uint64_t hash;
    uint32_t tid; /* NO_TRIGRAM when the slot is free */
} tri_slot;

/* Trigram hash -> dense trigram id, open addressing, load <= 0.5. */
typedef struct tri_table {
    tri_slot *slots;
    size_t mask;
    uint32_t count;
} tri_table;

/* What verification reads per entry, in one 16-byte record. */
typedef struct tri_entry_info {
    uint32_t doc;
    float norm; /* sqrt of the sum of idf^2 over the entry's trigrams */
    uint32_t key_off;
    uint32_t key_len;
} tri_entry_info;

struct l2a_trigram_index {
    uint32_t n_docs;
    uint32_t n_entries;
    tri_table table;
    float *idf;            /* [tid] */
    uint32_t *list_off;    /* [tid + 1] into postings; an empty list means capped */
    uint32_t *postings;    /* entry ids, ascending per trigram */
    tri_entry_info *entry; /* [entry], entries sorted by document */
    uint64_t *sketch;      /* [entry] a bit per trigram, and the norm coarsely (trigram.c) */
    float inv_norm_q[256]; /* 1 / norm by quantized level */
    char *keys;            /* the builder's arena, kept */
    l2a_word_index *words; /* the entries' words, for the search by words */
    uint32_t list_cap;
    uint32_t walk_budget; /* postings a query walks for candidates */
    double max_idf;       /* ln(1 + n_entries): the IDF of a trigram seen nowhere */
    int borrowed;         /* the arrays belong to a mapped snapshot */
};

/* The walking budget of an index of n_entries (a function of its size only). */
uint32_t l2a_tri_walk_budget(uint32_t n_entries);

/*
 * The key's trigram windows, repeats included, each packed as three bytes
 * into out (L2A_TRI_MAX_TRIGRAMS of them at most); returns how many.
 */
size_t l2a_tri_key_windows(const char *key, size_t len, uint32_t *out);

/* The key's trigram set as sorted, distinct hashes; out holds L2A_TRI_MAX_TRIGRAMS. */
size_t l2a_tri_set(const char *key, size_t len, uint64_t *out);

void l2a_tri_sort_u64(uint64_t *v, size_t n);
/* Sorts and drops repeats; returns how many are left. */
size_t l2a_tri_sort_unique_u64(uint64_t *v, size_t n);

static inline uint64_t l2a_tri_window_hash(uint32_t w)
{
    const unsigned char bytes[3] = {(unsigned char)(w >> 16), (unsigned char)(w >> 8),
                                    (unsigned char)w};

    return XXH3_64bits(bytes, sizeof bytes);
}

static inline uint32_t l2a_tri_table_find(const tri_table *t, uint64_t hash)
{
    if (!t->slots)
        return NO_TRIGRAM;
    for (size_t i = (size_t)hash & t->mask;; i = (i + 1) & t->mask) {
        if (t->slots[i].tid == NO_TRIGRAM || t->slots[i].hash == hash)
            return t->slots[i].tid;
    }
}

/* From the high half of the hash: independent of the table slot (low bits). */
static inline unsigned l2a_tri_sketch_bit(uint64_t hash)
{
    return (unsigned)((hash >> 32) % SKETCH_BITS);
}

#endif
