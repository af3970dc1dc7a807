/* SPDX-License-Identifier: MIT */
/*
 * The layout of the word index, shared by its construction and lookups
 * (word-index.c) and its snapshot sections (word-index-snapshot.c). Nothing
 * outside the word index includes this.
 */
#ifndef L2A_WORD_INDEX_PRIVATE_H
#define L2A_WORD_INDEX_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#include "word-index.h"

/* Hash -> values: (high half of the hash) << 32 | value, sorted, in buckets by the hash's top bits. */
typedef struct hash_map {
    uint32_t bits;
    uint32_t n;
    uint32_t *dir;  /* [2^bits + 1] bucket starts */
    uint64_t *item; /* [n] */
} hash_map;

struct l2a_word_index {
    uint32_t n_words;
    uint32_t n_postings;
    hash_map words;     /* the word's hash -> word number */
    uint64_t *word_hash; /* [word] its whole hash, to tell words alike in half of it apart */
    hash_map edits;     /* the hash of a rare word less one character -> word number */
    uint32_t *list_off; /* [n_words + 1] into postings; empty for a common word */
    uint32_t *postings; /* entries, ascending per word */
    int borrowed;       /* the arrays belong to a mapped snapshot */
};

/* The bytes of a map's directory of 2^bits buckets (one bound more than buckets). */
static inline size_t l2a_words_dir_bytes(uint32_t bits)
{
    return (((size_t)1 << bits) + 1) * sizeof(uint32_t);
}

#endif
