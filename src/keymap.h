/* SPDX-License-Identifier: MIT */
/*
 * An exact multimap from byte strings to 32-bit ids, frozen once built:
 * XXH3 keys in an open-addressing table, postings in flat arrays
 * (offsets + ids). Used for registrable domain -> accounts and for exact
 * normalized name -> accounts.
 */
#ifndef L2A_KEYMAP_H
#define L2A_KEYMAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct l2a_keymap_builder l2a_keymap_builder;
typedef struct l2a_keymap l2a_keymap;

int l2a_kmap_builder_new(l2a_keymap_builder **out);
void l2a_kmap_builder_free(l2a_keymap_builder *b);
/* Adds (key, id); duplicates of the same pair are kept once. Empty keys are ignored. */
int l2a_kmap_builder_add(l2a_keymap_builder *b, const char *key, size_t len, uint32_t id);

/*
 * Freezes the builder into a map (the builder is freed, whatever the
 * outcome). Ids of one key come out in ascending order.
 */
int l2a_kmap_build(l2a_keymap_builder *b, l2a_keymap **out);
void l2a_kmap_free(l2a_keymap *m);

/* The ids stored under key (borrowed, ascending); returns how many (0 if none). */
size_t l2a_kmap_find(const l2a_keymap *m, const char *key, size_t len, const uint32_t **ids);

/* Number of distinct keys. */
size_t l2a_kmap_key_count(const l2a_keymap *m);

struct l2a_snap_writer;
struct l2a_snap_reader;

/* Writes the map's arrays as snapshot sections tag, tag + 1, ... (fewer than 16). */
int l2a_kmap_save(const l2a_keymap *m, struct l2a_snap_writer *w, uint32_t tag, char *errmsg);

/*
 * A map over the arrays of a mapped snapshot, used in place (freeing it
 * leaves them alone). Everything is checked, so a crafted file cannot make
 * a lookup read out of bounds or loop: L2A_ERR_SNAPSHOT_FORMAT when the
 * sections do not describe a map with ids below n_ids.
 */
int l2a_kmap_view(const struct l2a_snap_reader *r, uint32_t tag, uint32_t n_ids, l2a_keymap **out);

#endif
