/* SPDX-License-Identifier: MIT */
/*
 * Trigram index over normalized name keys.
 *
 * Trigrams follow pg_trgm: each token is padded with two spaces in front and
 * one behind ("acme" -> "  a", " ac", "acm", "cme", "me "). Each trigram is
 * keyed by XXH3. The index is an inverted file in flat arrays: a hash table
 * of trigram keys, offsets, and entry ids (each key added is one entry of its
 * document), with an IDF weight per trigram. Trigrams found in more than a
 * cap of entries get no posting list (walking it would cost more than it
 * tells), though they still count in every score.
 * Knows nothing of scoring.
 */
#ifndef L2A_TRIGRAM_H
#define L2A_TRIGRAM_H

#include <stddef.h>
#include <stdint.h>

/*
 * Only the first L2A_TRI_MAX_TRIGRAMS trigram positions of a key count
 * (about 250 bytes of text): longer keys are compared on their beginning, so
 * that extraction and similarity work in fixed stack buffers.
 */
#define L2A_TRI_MAX_TRIGRAMS 256

typedef struct l2a_tri_builder l2a_tri_builder;
typedef struct l2a_trigram_index l2a_trigram_index;
typedef struct l2a_tri_scratch l2a_tri_scratch;

typedef struct l2a_tri_hit {
    uint32_t doc;
    float score; /* IDF-weighted cosine of trigram sets, 0..1 */
} l2a_tri_hit;

/*
 * Sorted, de-duplicated trigram hashes of a key into out (at most cap);
 * returns how many the key has (may exceed cap: then only cap were written).
 */
size_t l2a_tri_extract(const char *key, size_t len, uint64_t *out, size_t cap);

/* pg_trgm similarity of two keys: |A ∩ B| / |A ∪ B| over trigram sets, 0..1. */
double l2a_tri_similarity(const char *a, size_t alen, const char *b, size_t blen);

/*
 * One key's trigram set, kept to compare it with many keys: the same
 * similarities as l2a_tri_similarity, without extracting the key again for
 * each. The key's bytes must outlive it.
 */
#define L2A_TRI_SIM_KEY_SLOTS 256
typedef struct l2a_tri_sim_key {
    const char *key;
    size_t len;
    size_t n;      /* distinct trigrams */
    uint32_t size; /* slots of the set in use; 0 for a key too long to keep */
    uint32_t slot[L2A_TRI_SIM_KEY_SLOTS];
} l2a_tri_sim_key;

void l2a_tri_sim_prepare(l2a_tri_sim_key *k, const char *key, size_t len);
/* l2a_tri_similarity(k's key, b). */
double l2a_tri_similarity_with(const l2a_tri_sim_key *k, const char *b, size_t blen);

int l2a_tri_builder_new(l2a_tri_builder **out);
void l2a_tri_builder_free(l2a_tri_builder *b);
/* Indexes one key for a document; a document may have several keys (aliases). */
int l2a_tri_builder_add(l2a_tri_builder *b, uint32_t doc, const char *key, size_t len);
/* Freezes into an index over documents 0..n_docs-1; the builder is freed either way. */
int l2a_tri_build(l2a_tri_builder *b, uint32_t n_docs, l2a_trigram_index **out);
void l2a_tri_free(l2a_trigram_index *idx);

/* Per-thread working memory for queries against one index. */
int l2a_tri_scratch_new(const l2a_trigram_index *idx, l2a_tri_scratch **out);
void l2a_tri_scratch_free(l2a_tri_scratch *s);

/*
 * The k best documents for a key, best first; ties broken by ascending doc.
 * Thread-safe with one scratch per thread. *n_out receives how many were
 * written (<= k). L2A_OK or L2A_ERR_NOMEM.
 * Scores are exact; the work per query is bounded, so a document that shares
 * none of the query's rarer trigrams may go unfound (see trigram.c). Never
 * allocates; L2A_ERR_INVALID_ARGUMENT for a missing argument or a scratch
 * made for another index.
 */
int l2a_tri_query(const l2a_trigram_index *idx, l2a_tri_scratch *s, const char *key, size_t len,
                  size_t k, l2a_tri_hit *out, size_t *n_out);

/*
 * l2a_tri_query, looking first at the documents the key's words name: the
 * entries that share a rare word with it, or a word one edit from one of
 * its words the index does not know. When the best of those scores at
 * least 0.45, they are the answer and the trigram search does not run: a
 * name with a typo, a word more or a word less costs a few lookups instead
 * of thousands of postings. Otherwise the answer is l2a_tri_query's.
 */
int l2a_tri_query_words_first(const l2a_trigram_index *idx, l2a_tri_scratch *s, const char *key,
                              size_t len, size_t k, l2a_tri_hit *out, size_t *n_out);

/* IDF of one trigram hash (the largest IDF when the trigram is unseen). */
double l2a_tri_idf(const l2a_trigram_index *idx, uint64_t trigram);

/* Mean IDF of the key's trigrams scaled to 0..1 by the largest possible IDF. */
double l2a_tri_rarity(const l2a_trigram_index *idx, const char *key, size_t len);

/*
 * How many index entries the trigram's posting list holds: 0 when the
 * trigram is unseen or above the cap (too common to be listed).
 */
size_t l2a_tri_posting_count(const l2a_trigram_index *idx, uint64_t trigram);

struct l2a_snap_writer;
struct l2a_snap_reader;

/* Writes the index's arrays as snapshot sections tag, tag + 1, ... (fewer than 16). */
int l2a_tri_save(const l2a_trigram_index *idx, struct l2a_snap_writer *w, uint32_t tag, char *errmsg);

/*
 * An index over the arrays of a mapped snapshot, used in place (freeing it
 * leaves them alone). Checks in constant time the sections' sizes and the
 * ends of the posting offsets: L2A_ERR_SNAPSHOT_FORMAT when they do not
 * describe an index over n_docs documents. The index must pass
 * l2a_tri_check() before its first query.
 */
int l2a_tri_view(const struct l2a_snap_reader *r, uint32_t tag, uint32_t n_docs, l2a_trigram_index **out);

/*
 * Checks a viewed index through (r and tag as given to the view), so that a
 * crafted file cannot make a query read out of bounds or loop: everything a
 * query follows. L2A_OK or L2A_ERR_SNAPSHOT_FORMAT. Reads only: any number
 * of threads may check at once.
 */
int l2a_tri_check(const l2a_trigram_index *idx, const struct l2a_snap_reader *r, uint32_t tag);

#endif
