/* SPDX-License-Identifier: MIT */
/*
 * The memo of single characters (translit-memo.h) against the whole ICU
 * path: every character it may stand in for, beside every kind of
 * neighbour, text built at random from them, and the rules of Han-Latin it
 * relies on.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uclean.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>
#include <unicode/utrans.h>

#include "buf.h"
#include "l2a.h"
#include "norm-paths.h"
#include "normalize.h"
#include "test-common.h"
#include "translit-memo.h"

const int l2a_test_wants_shared_data = 0;

static l2a_normalizer *norm;

static void setup(void)
{
    ck_assert_int_eq(l2a_norm_new(&norm), L2A_OK);
}

static void teardown(void)
{
    l2a_norm_free(norm);
    norm = NULL;
}

static void assert_paths_agree(const char *s, size_t len)
{
    l2a_test_norm_paths_agree(norm, s, len);
}

/* ---- the memo of single characters ---- */

/* Appends c to s as UTF-8; s has room. */
static size_t put_utf8(char *s, size_t n, UChar32 c)
{
    UBool error = false;
    int32_t i = (int32_t)n;

    U8_APPEND((uint8_t *)s, i, (int32_t)(n + 4), c, error);
    ck_assert(!error);
    return (size_t)i;
}

/* Builds the text `before` c `after` and checks both paths on it. */
static void assert_paths_agree_around(const char *before, UChar32 c, const char *after)
{
    char s[64];
    size_t n = strlen(before);

    memcpy(s, before, n);
    n = put_utf8(s, n, c);
    memcpy(s + n, after, strlen(after));
    n += strlen(after);
    assert_paths_agree(s, n);
}

/* Every neighbour that steers transliteration or folding: letters, digits, dots, ideographs. */
static void assert_char_agrees(UChar32 c)
{
    static const char *const around[][2] = {
        {"", ""},       {"a", "b"},      {"Ab", "Inc"},     {"1", "2"},
        {"x ", " y"},   {"S.", "."},     {"\xC3\xA9", "\xC3\x9F"}, {"\xE6\xB5\xB7", "\xE6\xB4\x8B"},
        {"\xD0\x96", ""}, {"'", "'"}, {"&", "+"},
    };
    size_t i;

    for (i = 0; i < sizeof around / sizeof around[0]; i++)
        assert_paths_agree_around(around[i][0], c, around[i][1]);
}

/* Latin, common and Han characters: the ones the memo stands in for, and their neighbours. */
static const UChar32 memo_ranges[][2] = {
    {0x00A0, 0x036F}, /* Latin-1, Latin Extended-A and -B, IPA, modifiers, combining marks */
    {0x1D00, 0x1DBF}, /* phonetic extensions */
    {0x1E00, 0x1EFF}, /* Latin Extended Additional */
    {0x2000, 0x218F}, /* punctuation, currency, letterlike, number forms */
    {0x2460, 0x24FF}, /* enclosed alphanumerics */
    {0x2C60, 0x2C7F}, /* Latin Extended-C */
    {0x3000, 0x303F}, /* CJK symbols and punctuation */
    {0xA720, 0xA7FF}, /* Latin Extended-D */
    {0xFB00, 0xFB06}, /* ligatures */
    {0xFF00, 0xFF65}, /* fullwidth forms */
};

START_TEST(test_memo_matches_icu_per_character)
{
    size_t r;
    UChar32 c;

    for (r = 0; r < sizeof memo_ranges / sizeof memo_ranges[0]; r++)
        for (c = memo_ranges[r][0]; c <= memo_ranges[r][1]; c++)
            assert_char_agrees(c);
    /* ideographs: a spread of the unified block and its extensions, and those read in context */
    for (c = 0x4E00; c <= 0x9FFF; c += 37)
        assert_char_agrees(c);
    for (c = 0x3400; c <= 0x4DBF; c += 101)
        assert_char_agrees(c);
    for (c = 0x20000; c <= 0x2A6DF; c += 997)
        assert_char_agrees(c);
    assert_char_agrees(0x85CF);
    assert_char_agrees(0x91CD);
    assert_char_agrees(0x6C88);
    assert_char_agrees(0x79D8);
}
END_TEST

/* Text built at random from characters the memo knows, mixed with ones it must not take. */
START_TEST(test_memo_matches_icu_on_mixed_text)
{
    static const char *const pieces[] = {
        "a", "Z", "0", " ", ".", "&", "'", "/", "-", "Inc", "S.A.", "GmbH", "Co", "the ",
        "\xC3\xA9", "\xC3\x9F", "\xC3\x98", "\xC5\x81", "\xC5\x9E", "\xC4\xB1", "\xC3\xA6",
        "\xEF\xAC\x83", "\xE2\x80\x99", "\xE2\x80\x93", "\xC2\xB7", "\xE2\x84\xA2",
        "\xC2\xAE", "\xE2\x82\xAC", "\xC2\xBD", "\xE2\x84\x96", "\xCA\xBB", "\xE3\x80\x81",
        "\xEF\xBC\xA1", "\xE6\xB5\xB7", "\xE5\xB0\x94", "\xE9\x87\x8D", "\xE5\xBA\x86",
        "\xE8\x97\x8F", "\xE6\x96\x87", "\xE5\x85\xAC\xE5\x8F\xB8", "\xE6\xA0\xAA",
        "\xE3\x83\x88", "\xE3\x83\xBC", "\xD0\x9E\xD0\x9E\xD0\x9E", "\xCC\x81",
        "\xE1\x84\x80", "\xF0\xA0\x80\x80",
    };
    uint32_t seed = 2024;
    char s[256];
    size_t i, j;

    for (i = 0; i < 4000; i++) {
        size_t n = 0, count;
        seed = seed * 1103515245u + 12345u;
        count = 1 + (seed >> 16) % 12;
        for (j = 0; j < count; j++) {
            const char *p;
            seed = seed * 1103515245u + 12345u;
            p = pieces[(seed >> 16) % (sizeof pieces / sizeof pieces[0])];
            memcpy(s + n, p, strlen(p));
            n += strlen(p);
        }
        assert_paths_agree(s, n);
    }
}
END_TEST

/* What the memo writes for folded text, or NULL when it leaves the text to ICU. */
static const char *memo_ascii(l2a_translit_memo *m, UTransliterator *t, const UChar *text)
{
    static char out[256];
    size_t n;
    int32_t len = u_strlen(text);

    ck_assert_uint_le((size_t)len * L2A_TMEMO_BYTES_PER_UNIT, sizeof out - 1);
    if (l2a_tmemo_transliterate(m, t, text, len, out, &n) != L2A_OK)
        return NULL;
    out[n] = '\0';
    return out;
}

START_TEST(test_memo_takes_latin_and_han_text)
{
    UErrorCode err = U_ZERO_ERROR;
    UParseError parse_error;
    UTransliterator *t = utrans_openU(u"Any-Latin; [\\u02B9-\\u02BF] Remove; Latin-ASCII", -1,
                                      UTRANS_FORWARD, NULL, 0, &parse_error, &err);
    l2a_translit_memo m = L2A_TRANSLIT_MEMO_INIT;
    int round;

    ck_assert(U_SUCCESS(err));
    /* the second round reads what the first learnt */
    for (round = 0; round < 2; round++) {
        ck_assert_str_eq(memo_ascii(&m, t, u"soci\u00e9t\u00e9 g\u00e9n\u00e9rale"),
                         "societe generale");
        ck_assert_str_eq(memo_ascii(&m, t, u"\u0142\u00f3d\u017a stra\u00dfe \ufb03"),
                         "lodz strasse ffi");
        ck_assert_str_eq(memo_ascii(&m, t, u"trainers\u2019 house \u00b7 a.\u015f."),
                         "trainers' house   a.s.");
        ck_assert_str_eq(memo_ascii(&m, t, u"\u6d77\u5c14 \u96c6\u56e2"), " hai er  ji tuan");
        /* other scripts, marks, ideographs read in context or beside letters: ICU's */
        ck_assert_ptr_null(memo_ascii(&m, t, u"\u043c\u043e\u0441\u043a\u0432\u0430"));
        ck_assert_ptr_null(memo_ascii(&m, t, u"q\u0301"));
        ck_assert_ptr_null(memo_ascii(&m, t, u"\u91cd\u5e86"));
        ck_assert_ptr_null(memo_ascii(&m, t, u"\u6d77\u5c14a"));
        ck_assert_ptr_null(memo_ascii(&m, t, u"360\u6d77\u5c14"));
        ck_assert_ptr_null(memo_ascii(&m, t, u"\u30c8\u30e8\u30bf"));
    }
    l2a_tmemo_free(&m);
    utrans_close(t);
}
END_TEST

/* The rules of a transliterator, one a line, as UTF-8. */
static char *rules_of(const char *id)
{
    UErrorCode err = U_ZERO_ERROR;
    UParseError parse_error;
    UChar uid[64];
    UTransliterator *t;
    UChar *rules;
    char *utf8;
    int32_t n, m;

    u_uastrcpy(uid, id);
    t = utrans_openU(uid, -1, UTRANS_FORWARD, NULL, 0, &parse_error, &err);
    ck_assert_msg(U_SUCCESS(err), "%s: %s", id, u_errorName(err));
    n = utrans_toRules(t, false, NULL, 0, &err);
    err = U_ZERO_ERROR;
    rules = malloc(((size_t)n + 1) * sizeof *rules);
    ck_assert_ptr_nonnull(rules);
    utrans_toRules(t, false, rules, n + 1, &err);
    ck_assert(U_SUCCESS(err));
    u_strToUTF8(NULL, 0, &m, rules, n, &err);
    err = U_ZERO_ERROR;
    utf8 = malloc((size_t)m + 1);
    ck_assert_ptr_nonnull(utf8);
    u_strToUTF8(utf8, m + 1, NULL, rules, n, &err);
    ck_assert(U_SUCCESS(err));
    free(rules);
    utrans_close(t);
    return utf8;
}

/*
 * The memo takes ideographs one by one, so Han-Latin must map each alone:
 * its rules are "[set] > syllable" or "X > syllable", except the context
 * rules "{X}' '?Y > syllable", whose X the memo leaves to ICU.
 */
START_TEST(test_han_latin_reads_no_other_context)
{
    char *rules = rules_of("Han-Latin");
    char *line = rules, *next;
    int contextual = 0;

    for (; line && *line; line = next) {
        char *arrow;
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        arrow = strstr(line, " > ");
        if (!arrow || line[0] == '[')
            continue;
        if (line[0] == '{') {
            int32_t i = 1;
            UChar32 c;
            U8_NEXT(line, i, (int32_t)(arrow - line), c);
            ck_assert_msg(line[i] == '}', "a context rule with a longer key: %s", line);
            ck_assert_msg(l2a_tmemo_han_in_context(c), "a context rule the memo ignores: %s", line);
            contextual++;
            continue;
        }
        {
            int32_t i = 0;
            UChar32 c;
            U8_NEXT(line, i, (int32_t)(arrow - line), c);
            (void)c;
            ck_assert_msg(line + i == arrow, "a rule on more than one character: %s", line);
        }
    }
    ck_assert_int_eq(contextual, 4);
    free(rules);
}
END_TEST

Suite *l2a_test_suite(void)
{
    Suite *s = suite_create("translit-memo");
    TCase *tc = tcase_create("memo");

    /* ICU keeps registries and caches for the life of the process; freeing
     * them at exit leaves a leak checker with nothing but our own memory. */
    atexit(u_cleanup);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_memo_takes_latin_and_han_text);
    tcase_add_test(tc, test_memo_matches_icu_per_character);
    tcase_add_test(tc, test_memo_matches_icu_on_mixed_text);
    tcase_add_test(tc, test_han_latin_reads_no_other_context);
    suite_add_tcase(s, tc);
    return s;
}
