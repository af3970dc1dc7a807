/* SPDX-License-Identifier: MIT */
/*
 * Shared by the normalization tests: the fast paths (ASCII, transliteration
 * memo) against the whole ICU computation.
 */
#ifndef L2A_TEST_NORM_PATHS_H
#define L2A_TEST_NORM_PATHS_H

#include <stddef.h>

#include "normalize.h"

/*
 * Fails the running test unless s gives the same name key and the same text
 * key with the fast paths on as with them off (then every byte goes through
 * ICU). Leaves the fast paths on.
 */
void l2a_test_norm_paths_agree(l2a_normalizer *norm, const char *s, size_t len);

#endif
