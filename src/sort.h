/* SPDX-License-Identifier: MIT */
/* Sorting the short arrays of 64-bit keys the indexes order (trigram sets, map buckets). */
#ifndef L2A_SORT_H
#define L2A_SORT_H

#include <stddef.h>
#include <stdint.h>

/* Ascending, in place: quadratic, and the fastest way for a few dozen keys. */
void l2a_insertion_sort_u64(uint64_t *v, size_t n);

#endif
