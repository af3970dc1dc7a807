/* SPDX-License-Identifier: MIT */
#include "norm-paths.h"

#include <check.h>
#include <string.h>

#include "buf.h"
#include "l2a.h"

/*
 * Pure-ASCII text skips ICU, and characters whose transliteration does not
 * depend on their neighbours come from a memo; the whole ICU path must give
 * the same key. Turning the fast paths off sends the same text through it.
 */
void l2a_test_norm_paths_agree(l2a_normalizer *norm, const char *s, size_t len)
{
    l2a_buf fast = L2A_BUF_INIT, slow = L2A_BUF_INIT;
    int mode;

    for (mode = 0; mode < 2; mode++) {
        int (*fn)(l2a_normalizer *, const char *, size_t, l2a_buf *) =
            mode ? l2a_norm_name : l2a_norm_text;
        l2a_norm_set_fast_paths(norm, 1);
        ck_assert_int_eq(fn(norm, s, len, &fast), L2A_OK);
        l2a_norm_set_fast_paths(norm, 0);
        ck_assert_int_eq(fn(norm, s, len, &slow), L2A_OK);
        ck_assert_msg(fast.len == slow.len && memcmp(l2a_buf_str(&fast), l2a_buf_str(&slow),
                                                     fast.len) == 0,
                      "\"%.*s\": fast \"%s\", ICU \"%s\"", (int)len, s, l2a_buf_str(&fast),
                      l2a_buf_str(&slow));
    }
    l2a_norm_set_fast_paths(norm, 1);
    l2a_buf_free(&fast);
    l2a_buf_free(&slow);
}
