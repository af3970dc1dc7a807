/* SPDX-License-Identifier: MIT */
/* A compact set of ids for duplicate detection: only a 64-bit XXH3 hash of
 * each id is kept (11 to 22 bytes per id with the table's slack). Two
 * distinct ids may collide, with a chance of about 3 in 10,000 over a whole
 * run of 100 million ids; the later one would then be rejected as a
 * duplicate, visibly, in the reject file. */
#ifndef L2A_CLI_IDSET_H
#define L2A_CLI_IDSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct idset {
    uint64_t *slots; /* 0 marks an empty slot */
    size_t capacity; /* a power of two */
    size_t count;
} idset;

void idset_init(idset *s);
/* Add an id; false when it was already there. */
bool idset_add(idset *s, const char *id, size_t len);
void idset_free(idset *s);

#endif
