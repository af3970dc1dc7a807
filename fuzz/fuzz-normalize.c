/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: company-name and text normalization (src/normalize.c with
 * ICU, src/legalforms.c, src/location.c) on arbitrary bytes.
 *
 * Checks, beyond "no crash, no leak, no undefined behaviour":
 * - invalid UTF-8 is refused with L2A_ERR_INVALID_UTF8 and an empty key;
 * - a key is lowercase ASCII tokens of [a-z0-9] joined by single spaces;
 * - normalizing a text key again gives the same key (text keys are fixed
 *   points; name keys are not: "The The Y" -> "the y" -> "y");
 * - the fast paths (ASCII, memo of single characters) and the whole ICU
 *   path give the same key;
 * - country and phone look-ups stay inside their buffers.
 */
#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "l2a.h"
#include "location.h"
#include "normalize.h"
#include "utf8.h"

static l2a_normalizer *fast; /* the fast paths on (the default) */
static l2a_normalizer *slow; /* every input through ICU */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    if (l2a_norm_new(&fast) != L2A_OK || l2a_norm_new(&slow) != L2A_OK)
        abort();
    l2a_norm_set_fast_paths(slow, 0);
    return 0;
}

static bool is_key(const l2a_buf *k)
{
    size_t i;

    if (k->len == 0)
        return true;
    if (k->data[0] == ' ' || k->data[k->len - 1] == ' ')
        return false;
    for (i = 0; i < k->len; i++) {
        char c = k->data[i];
        if (c == ' ') {
            if (k->data[i - 1] == ' ')
                return false;
        } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
            return false;
        }
    }
    return strlen(k->data) == k->len;
}

typedef int (*norm_fn)(l2a_normalizer *, const char *, size_t, l2a_buf *);

static void check_one(norm_fn fn, const char *in, size_t len, bool valid, bool idempotent)
{
    l2a_buf a = L2A_BUF_INIT, b = L2A_BUF_INIT, again = L2A_BUF_INIT;
    int ra = fn(fast, in, len, &a);
    int rb = fn(slow, in, len, &b);

    FUZZ_CHECK(ra == L2A_OK || ra == L2A_ERR_INVALID_UTF8 || ra == L2A_ERR_NOMEM ||
               ra == L2A_ERR_INTERNAL || ra == L2A_ERR_TOO_LONG);
    if (!valid)
        FUZZ_CHECK(ra == L2A_ERR_INVALID_UTF8 && rb == L2A_ERR_INVALID_UTF8);
    if (ra != L2A_OK) {
        FUZZ_CHECK(a.len == 0);
    } else {
        FUZZ_CHECK(is_key(&a));
        FUZZ_CHECK(rb == L2A_OK);
        FUZZ_CHECK(a.len == b.len && memcmp(l2a_buf_str(&a), l2a_buf_str(&b), a.len) == 0);
        FUZZ_CHECK(fn(fast, l2a_buf_str(&a), a.len, &again) == L2A_OK);
        FUZZ_CHECK(is_key(&again));
        if (idempotent)
            FUZZ_CHECK(again.len == a.len &&
                       memcmp(l2a_buf_str(&again), l2a_buf_str(&a), a.len) == 0);
    }
    l2a_buf_free(&a);
    l2a_buf_free(&b);
    l2a_buf_free(&again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *in = (const char *)data;
    bool valid = l2a_utf8_validate(in, size, NULL) == L2A_OK;
    l2a_buf key = L2A_BUF_INIT;
    char phone[32];
    size_t n;

    check_one(l2a_norm_name, in, size, valid, false);
    check_one(l2a_norm_text, in, size, valid, true);

    /* Countries are looked up by text key, phones read raw text. */
    if (l2a_norm_text(fast, in, size, &key) == L2A_OK) {
        const char *code = l2a_loc_country_code(l2a_buf_str(&key), key.len);
        if (code)
            FUZZ_CHECK(strlen(code) == 2 && code[0] >= 'A' && code[0] <= 'Z' && code[1] >= 'A' &&
                       code[1] <= 'Z');
    }
    l2a_buf_free(&key);
    memset(phone, 'x', sizeof phone);
    n = l2a_loc_phone_key(in, size, phone, sizeof phone);
    FUZZ_CHECK(n < sizeof phone);
    if (n) {
        FUZZ_CHECK(n >= 6 && strlen(phone) == n);
        FUZZ_CHECK(strspn(phone, "0123456789") == n);
    }
    return 0;
}
