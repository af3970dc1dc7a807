/* SPDX-License-Identifier: MIT */
/*
 * An exact multimap from strings to 31-bit ids, frozen once built. The map
 * holds no key bytes: each key is named by its offset in a string table that
 * the caller owns (a segment's arena: NUL-terminated strings without a NUL
 * inside), and lookups confirm a hit against that table, so a hash collision
 * can never return another key's ids. Used for registrable domain -> accounts
 * and for exact normalized name -> accounts.
 */
#ifndef L2A_KEYMAP_H
#define L2A_KEYMAP_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* Ids are below this bound: the map keeps a key's single id inline, the top bit marking a list. */
#define L2A_KMAP_MAX_ID 0x7fffffffu

typedef struct l2a_keymap_builder l2a_keymap_builder;
typedef struct l2a_keymap l2a_keymap;

/* A builder over keys in strings, a table that may grow but whose strings must not change until the build. */
int l2a_kmap_builder_new(const l2a_buf *strings, l2a_keymap_builder **out);
void l2a_kmap_builder_free(l2a_keymap_builder *b);
/* Makes room for n more pairs, so that adding them allocates nothing. */
int l2a_kmap_builder_reserve(l2a_keymap_builder *b, size_t n);
/*
 * Adds (the string at offset off, of len bytes, id): the string must end at a
 * NUL and hold none (L2A_ERR_INVALID_ARGUMENT otherwise, as for an id above
 * L2A_KMAP_MAX_ID). Duplicates of the same pair are kept once. Empty keys are
 * ignored.
 */
int l2a_kmap_builder_add(l2a_keymap_builder *b, size_t off, size_t len, uint32_t id);

/*
 * Freezes the builder into a map (the builder is freed, whatever the
 * outcome). Ids of one key come out in ascending order.
 */
int l2a_kmap_build(l2a_keymap_builder *b, l2a_keymap **out);
void l2a_kmap_free(l2a_keymap *m);

/*
 * The ids stored under key (borrowed, ascending); returns how many (0 if
 * none). strings is the table the map was built over (it may have grown
 * since).
 */
/*
 * Asks for the first memory a lookup of key will read (its bucket), so that
 * a lookup made a little later does not wait for it. Reads nothing itself.
 */
void l2a_kmap_prefetch(const l2a_keymap *m, const char *key, size_t len);

size_t l2a_kmap_find(const l2a_keymap *m, const l2a_buf *strings, const char *key, size_t len,
                     const uint32_t **ids);

/* Number of distinct keys. */
size_t l2a_kmap_key_count(const l2a_keymap *m);

struct l2a_snap_writer;
struct l2a_snap_reader;

/* Writes the map's arrays as snapshot sections tag, tag + 1, ... (fewer than 16). */
int l2a_kmap_save(const l2a_keymap *m, struct l2a_snap_writer *w, uint32_t tag, char *errmsg);

/*
 * A map over the arrays of a mapped snapshot, used in place (freeing it
 * leaves them alone). Checks in constant time the sections' sizes and the
 * ends of the bucket directory: L2A_ERR_SNAPSHOT_FORMAT when they do not
 * describe a map. The map must pass l2a_kmap_check() before its first
 * lookup (the split lets a loader run the O(n) part on several threads).
 */
int l2a_kmap_view(const struct l2a_snap_reader *r, uint32_t tag, l2a_keymap **out);

/*
 * Checks a viewed map through, so that a crafted file cannot make a lookup
 * read out of bounds or loop: bucket bounds ascend, id lists fill the
 * overflow table exactly, every id is below n_ids. Key offsets are checked
 * against the string table at each lookup. L2A_OK or
 * L2A_ERR_SNAPSHOT_FORMAT. Reads only: any number of threads may check
 * maps at once.
 */
int l2a_kmap_check(const l2a_keymap *m, uint32_t n_ids);

#endif
