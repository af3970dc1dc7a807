/* SPDX-License-Identifier: MIT */
/* A growing set of strings, used to refuse duplicate account ids as they arrive. */
#ifndef L2A_IDSET_H
#define L2A_IDSET_H

#include <stddef.h>

typedef struct l2a_idset l2a_idset;

int l2a_idset_new(l2a_idset **out);
void l2a_idset_free(l2a_idset *s);
/* Adds key; *inserted is 1 when it was new, 0 when already present. L2A_OK or L2A_ERR_NOMEM. */
int l2a_idset_insert(l2a_idset *s, const char *key, size_t len, int *inserted);

#endif
