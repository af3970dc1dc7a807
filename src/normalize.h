/* SPDX-License-Identifier: MIT */
/*
 * Text normalization: turns what people type into comparable keys.
 *
 * A key is lowercase ASCII: tokens of [a-z0-9] separated by single spaces,
 * no leading or trailing space. Steps, in order: UTF-8 validation, NFKC case
 * folding (ICU), transliteration of other scripts and diacritics to ASCII
 * (ICU "Any-Latin; Latin-ASCII", skipped for pure-ASCII input and taken
 * from a memo of single characters where no character's transliteration
 * depends on its neighbours: translit-memo.h), punctuation and whitespace
 * folding. Name keys additionally turn "&" into "and", drop a
 * leading "the" and strip legal forms (Inc, GmbH, 株式会社, ...) — unless the
 * name is nothing but legal forms, in which case they are kept.
 *
 * Knows nothing of domains or indexes.
 */
#ifndef L2A_NORMALIZE_H
#define L2A_NORMALIZE_H

#include <stddef.h>

#include "buf.h"

typedef struct l2a_normalizer l2a_normalizer;

/* L2A_OK, L2A_ERR_NOMEM or L2A_ERR_INTERNAL (ICU could not open). */
int l2a_norm_new(l2a_normalizer **out);
void l2a_norm_free(l2a_normalizer *n);

/*
 * Company-name key of [in, in+len) into `out` (reset first). Thread-safe:
 * many threads may call it on one normalizer. Returns L2A_OK (the key may
 * be empty), L2A_ERR_INVALID_UTF8, L2A_ERR_NOMEM or L2A_ERR_INTERNAL.
 */
int l2a_norm_name(l2a_normalizer *n, const char *in, size_t len, l2a_buf *out);

/* Plain text key (cities, regions, countries): as above, no legal forms, no "&". */
int l2a_norm_text(l2a_normalizer *n, const char *in, size_t len, l2a_buf *out);

/*
 * Both functions above also return L2A_ERR_INVALID_ARGUMENT for a NULL
 * normalizer or buffer (or NULL text with a non-zero length), and
 * L2A_ERR_TOO_LONG for non-ASCII text above 16 MiB (far beyond
 * L2A_FIELD_MAX_BYTES; the ICU path works with 32-bit lengths). On error
 * `out` is left empty.
 */

/*
 * For tests: with 0, every text takes the whole ICU path (pure-ASCII text
 * too, and no character is transliterated from the memo of single
 * characters), so that a test can prove the fast paths give the same keys.
 * Not to be called while other threads use the normalizer.
 */
void l2a_norm_set_fast_paths(l2a_normalizer *n, int enabled);

#endif
