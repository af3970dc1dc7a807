/* SPDX-License-Identifier: MIT */
/*
 * The words of indexed name keys, for finding by whole words what the
 * trigram search would find by walking thousands of postings: the entries
 * that share a rare word with a query, or a word one edit away from a query
 * word the index does not know (a typo). Words are the space-separated
 * tokens of normalized keys. A word listed in more than L2A_WORDS_LIST_CAP
 * entries is known but lists nothing: it cannot single out an account.
 *
 * Typos are found through deletion neighbourhoods: every rare word of at
 * least L2A_WORDS_EDIT_MIN characters is filed under each string it becomes
 * with one character deleted, so that an insertion, a deletion, a
 * substitution or a swap of neighbours in the query meets it by exact
 * lookups. The module knows entries only as numbers: the caller scores them.
 */
#ifndef L2A_WORD_INDEX_H
#define L2A_WORD_INDEX_H

#include <stddef.h>
#include <stdint.h>

/* Entries a word may list and still single out an account. */
#define L2A_WORDS_LIST_CAP 64
/* Characters a listed word needs to be found from a typo. */
#define L2A_WORDS_EDIT_MIN 5

typedef struct l2a_word_index l2a_word_index;

/* The key of entry `entry` and its length, for the build. */
typedef const char *(*l2a_words_key_fn)(const void *ctx, uint32_t entry, size_t *len);

/* Indexes the words of entries 0 .. n_entries - 1. L2A_OK or L2A_ERR_NOMEM. */
int l2a_words_build(uint32_t n_entries, l2a_words_key_fn key_of, const void *ctx, l2a_word_index **out);
void l2a_words_free(l2a_word_index *w);

/*
 * The entries listed under the key's words and under the words one edit
 * from those the index does not know, into out (repeats possible). Returns
 * how many; when there would be more than cap, returns cap + 1 (out then
 * holds some of them, never more than cap): the words were too common to
 * decide by.
 */
size_t l2a_words_lookup(const l2a_word_index *w, const char *key, size_t len, uint32_t *out, size_t cap);

struct l2a_snap_writer;
struct l2a_snap_reader;

/* Writes the index as snapshot sections tag to tag + 7. */
int l2a_words_save(const l2a_word_index *w, struct l2a_snap_writer *wr, uint32_t tag, char *errmsg);

/*
 * An index over a mapped snapshot's sections, used in place; checks their
 * sizes in constant time (L2A_ERR_SNAPSHOT_FORMAT). l2a_words_check() must
 * pass before the first lookup.
 */
int l2a_words_view(const struct l2a_snap_reader *r, uint32_t tag, l2a_word_index **out);

/*
 * Checks everything a lookup follows, so that a crafted file cannot make it
 * read out of bounds: L2A_OK or L2A_ERR_SNAPSHOT_FORMAT. Entries listed must
 * be below n_entries.
 */
int l2a_words_check(const l2a_word_index *w, uint32_t n_entries);

#endif
