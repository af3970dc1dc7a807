/* SPDX-License-Identifier: MIT */
/*
 * The layout of the trigram index, shared by its construction and queries
 * (trigram.c) and its snapshot sections (trigram-snapshot.c). Nothing
 * outside the index module includes this.
 */
#ifndef L2A_TRIGRAM_PRIVATE_H
#define L2A_TRIGRAM_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#include "trigram.h"

#define NO_TRIGRAM UINT32_MAX

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

/*
 * What candidate ranking and verification read per entry, in one 32-byte
 * record (aligned, so one cache line). The sketch has bit (hash >> 57) set
 * for each of the entry's trigrams: it estimates, without the key, which of
 * the query's unwalked trigrams an entry shares.
 */
typedef struct tri_entry_info {
    uint64_t sketch[2];
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
    void *entry_block;     /* the allocation behind entry */
    uint8_t *norm_q;       /* [entry] the norm, coarsely, for the shortlist */
    float inv_norm_q[256]; /* 1 / norm by quantized level */
    char *keys;            /* the builder's arena, kept */
    uint32_t list_cap;
    double max_idf; /* ln(1 + n_entries): the IDF of a trigram seen nowhere */
    int borrowed;   /* the arrays belong to a mapped snapshot */
};

#endif
