/* SPDX-License-Identifier: MIT */
#include <string.h>

#include "buf.h"
#include "l2a.h"
#include "test-common.h"
#include "utf8.h"

const int l2a_test_wants_shared_data = 0;

static int validate(const char *s, size_t len, size_t *bad)
{
    return l2a_utf8_validate(s, len, bad);
}

START_TEST(valid_sequences)
{
    static const char *const good[] = {
        "", "acme", "Universit\xc3\xa9", "\xe6\xa0\xaa\xe5\xbc\x8f\xe4\xbc\x9a\xe7\xa4\xbe",
        "\xf0\x9f\x98\x80", "\xef\xbf\xbd", "\xed\x9f\xbf", "\xf4\x8f\xbf\xbf",
    };
    size_t i;

    for (i = 0; i < sizeof good / sizeof good[0]; i++)
        ck_assert_int_eq(validate(good[i], strlen(good[i]), NULL), L2A_OK);
}
END_TEST

START_TEST(invalid_sequences)
{
    static const struct {
        const char *s;
        size_t len;
        size_t bad;
    } cases[] = {
        {"ab\x80", 3, 2},            /* lone continuation byte */
        {"\xc0\xaf", 2, 0},          /* overlong '/' */
        {"\xc1\xbf", 2, 0},          /* overlong */
        {"\xe0\x80\xaf", 3, 0},      /* overlong 3-byte */
        {"\xed\xa0\x80", 3, 0},      /* surrogate U+D800 */
        {"\xf4\x90\x80\x80", 4, 0},  /* above U+10FFFF */
        {"\xf5\x80\x80\x80", 4, 0},  /* invalid lead byte */
        {"x\xe6\xa0", 3, 1},         /* truncated */
        {"a\0b", 3, 1},              /* embedded NUL */
        {"\xff", 1, 0},
    };
    size_t i, bad;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bad = 999;
        ck_assert_int_eq(validate(cases[i].s, cases[i].len, &bad), L2A_ERR_INVALID_UTF8);
        ck_assert_uint_eq(bad, cases[i].bad);
    }
}
END_TEST

START_TEST(ascii_detection)
{
    ck_assert(l2a_is_ascii("Acme, Inc.", 10));
    ck_assert(!l2a_is_ascii("Acm\xc3\xa9", 5));
    ck_assert(l2a_is_ascii("", 0));
}
END_TEST

/* Long ASCII runs are read a word at a time: a bad byte must be found wherever it falls. */
START_TEST(bad_bytes_anywhere_in_long_ascii)
{
    static const char bad_bytes[] = {'\0', '\x80', '\xff', '\xc3'};
    char s[40];
    size_t len, at, b, bad;

    for (len = 1; len <= sizeof s; len++) {
        memset(s, 'a', len);
        ck_assert_int_eq(validate(s, len, NULL), L2A_OK);
        ck_assert(l2a_is_ascii(s, len));
        for (at = 0; at < len; at++)
            for (b = 0; b < sizeof bad_bytes; b++) {
                memset(s, 'a', len);
                s[at] = bad_bytes[b];
                bad = 999;
                ck_assert_int_eq(validate(s, len, &bad), L2A_ERR_INVALID_UTF8);
                ck_assert_uint_eq(bad, at);
                ck_assert(l2a_is_ascii(s, len) == (bad_bytes[b] == '\0'));
            }
    }
}
END_TEST

START_TEST(buffer_grows_and_stays_terminated)
{
    l2a_buf b = L2A_BUF_INIT;
    size_t i;

    ck_assert_str_eq(l2a_buf_str(&b), "");
    for (i = 0; i < 1000; i++)
        ck_assert_int_eq(l2a_buf_append(&b, "xyz", 3), L2A_OK);
    ck_assert_uint_eq(b.len, 3000);
    ck_assert_uint_eq(strlen(l2a_buf_str(&b)), 3000);
    l2a_buf_reset(&b);
    ck_assert_str_eq(l2a_buf_str(&b), "");
    ck_assert_int_eq(l2a_buf_set(&b, "abc", 2), L2A_OK);
    ck_assert_str_eq(l2a_buf_str(&b), "ab");
    l2a_buf_free(&b);
    ck_assert_ptr_null(b.data);
}
END_TEST

Suite *l2a_test_suite(void)
{
    Suite *s = suite_create("utf8");
    TCase *tc = tcase_create("utf8");

    tcase_add_test(tc, valid_sequences);
    tcase_add_test(tc, invalid_sequences);
    tcase_add_test(tc, ascii_detection);
    tcase_add_test(tc, bad_bytes_anywhere_in_long_ascii);
    tcase_add_test(tc, buffer_grows_and_stays_terminated);
    suite_add_tcase(s, tc);
    return s;
}
