/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "l2a.h"
#include "snapshot-file.h"
#include "test-common.h"
#include "word-index.h"

const int l2a_test_wants_shared_data = 0;

typedef struct keys {
    const char **key;
    uint32_t n;
} keys;

static const char *key_of(const void *ctx, uint32_t entry, size_t *len)
{
    const keys *k = ctx;

    *len = strlen(k->key[entry]);
    return k->key[entry];
}

static l2a_word_index *build(const char **key, uint32_t n)
{
    keys k = {key, n};
    l2a_word_index *w = NULL;

    ck_assert_int_eq(l2a_words_build(n, key_of, &k, &w), L2A_OK);
    ck_assert_ptr_nonnull(w);
    return w;
}

static int compare_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

    return (x > y) - (x < y);
}

/* The distinct entries a query finds, ascending, as a string such as "0 2" ("" for none). */
static const char *found(const l2a_word_index *w, const char *query)
{
    static char text[256];
    uint32_t out[64];
    size_t n = l2a_words_lookup(w, query, strlen(query), out, 64), used = 0;

    ck_assert_uint_le(n, 64);
    qsort(out, n, sizeof *out, compare_u32);
    text[0] = '\0';
    for (size_t i = 0; i < n; i++)
        if (i == 0 || out[i] != out[i - 1])
            used += (size_t)snprintf(text + used, sizeof text - used, "%s%u", used ? " " : "", out[i]);
    return text;
}

static const char *names[] = {
    "vandelay industries",    /* 0 */
    "kramerica industries",   /* 1 */
    "pendant publishing",     /* 2 */
    "vandelay imports",       /* 3 */
    "m\xc3\xbcller kraftwerk", /* 4: müller */
    "acme co",                /* 5 */
};
#define N_NAMES (sizeof names / sizeof names[0])

START_TEST(test_rare_words_find_their_entries)
{
    l2a_word_index *w = build(names, N_NAMES);

    ck_assert_str_eq(found(w, "vandelay"), "0 3");
    ck_assert_str_eq(found(w, "pendant"), "2");
    ck_assert_str_eq(found(w, "industries"), "0 1");
    ck_assert_str_eq(found(w, "kramerica pendant"), "1 2");
    /* Words are whole: a part of one finds nothing. */
    ck_assert_str_eq(found(w, "vande"), "");
    ck_assert_str_eq(found(w, ""), "");
    ck_assert_str_eq(found(w, "   "), "");
    l2a_words_free(w);
}
END_TEST

START_TEST(test_one_edit_finds_the_word)
{
    l2a_word_index *w = build(names, N_NAMES);

    ck_assert_str_eq(found(w, "kramrica"), "1");   /* a letter less */
    ck_assert_str_eq(found(w, "kramericza"), "1"); /* a letter more */
    ck_assert_str_eq(found(w, "kranerica"), "1");  /* a letter other */
    ck_assert_str_eq(found(w, "karmerica"), "1");  /* two letters swapped */
    ck_assert_str_eq(found(w, "pendnat publshing"), "2");
    /* A multibyte letter counts as one: "mueller" less "e" is not "muller". */
    ck_assert_str_eq(found(w, "muller"), "4");
    ck_assert_str_eq(found(w, "m\xc3\xb6ller"), "4");
    /* Two edits are too many. */
    ck_assert_str_eq(found(w, "krmaerca"), "");
    ck_assert_str_eq(found(w, "vnadelya"), "");
    l2a_words_free(w);
}
END_TEST

START_TEST(test_short_words_are_not_edited)
{
    l2a_word_index *w = build(names, N_NAMES);

    /* "acme" has fewer than L2A_WORDS_EDIT_MIN characters: only itself finds it. */
    ck_assert_str_eq(found(w, "acme"), "5");
    ck_assert_str_eq(found(w, "acne"), "");
    ck_assert_str_eq(found(w, "acm"), "");
    l2a_words_free(w);
}
END_TEST

START_TEST(test_a_known_word_is_not_edited)
{
    static const char *pair[] = {"vandelay", "vandelai"};
    l2a_word_index *w = build(pair, 2);

    /* Each is known: neither brings its neighbour. */
    ck_assert_str_eq(found(w, "vandelay"), "0");
    ck_assert_str_eq(found(w, "vandelai"), "1");
    ck_assert_str_eq(found(w, "vandelau"), "0 1");
    l2a_words_free(w);
}
END_TEST

START_TEST(test_common_words_list_nothing)
{
    enum { N = L2A_WORDS_LIST_CAP + 1 };
    static char buf[N][32];
    const char *key[N + 1];
    l2a_word_index *w;

    for (int i = 0; i < N; i++) {
        snprintf(buf[i], sizeof buf[i], "holdings brand%03d", i);
        key[i] = buf[i];
    }
    key[N] = "seldom holdingz";
    w = build(key, N + 1);
    /* Known, so not edited; too common to list. */
    ck_assert_str_eq(found(w, "holdings"), "");
    ck_assert_str_eq(found(w, "brand007 holdings"), "7");
    /* "holdingz" is rare and listed. */
    ck_assert_str_eq(found(w, "holdingz"), "65");
    l2a_words_free(w);
}
END_TEST

START_TEST(test_too_many_entries_overflow)
{
    enum { N = 40 };
    static char buf[N][32];
    const char *key[N];
    uint32_t out[64];
    l2a_word_index *w;

    for (int i = 0; i < N; i++) {
        snprintf(buf[i], sizeof buf[i], "shared unique%02d", i);
        key[i] = buf[i];
    }
    w = build(key, N);
    ck_assert_uint_eq(l2a_words_lookup(w, "shared", 6, out, 16), 17);
    ck_assert_uint_eq(l2a_words_lookup(w, "shared", 6, out, 40), 40);
    ck_assert_uint_eq(l2a_words_lookup(w, "unique03", 8, out, 16), 1);
    ck_assert_uint_eq(out[0], 3);
    l2a_words_free(w);
}
END_TEST

START_TEST(test_repeated_words_are_listed_once)
{
    static const char *key[] = {"echo echo echo", "echo"};
    l2a_word_index *w = build(key, 2);
    uint32_t out[8];

    ck_assert_uint_eq(l2a_words_lookup(w, "echo echo", 9, out, 8), 2);
    ck_assert_uint_eq(out[0], 0);
    ck_assert_uint_eq(out[1], 1);
    l2a_words_free(w);
}
END_TEST

START_TEST(test_empty_index)
{
    l2a_word_index *w = build(NULL, 0);

    ck_assert_str_eq(found(w, "anything at all"), "");
    l2a_words_free(w);
    ck_assert_int_eq(l2a_words_build(0, NULL, NULL, &w), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_uint_eq(l2a_words_lookup(NULL, "x", 1, NULL, 0), 0);
}
END_TEST

/* Many generated words, each found from each of its edits, against a linear reference. */
START_TEST(test_generated_words_round_trip_through_a_snapshot)
{
    enum { N = 3000 };
    static char buf[N][24];
    const char *key[N];
    char path[] = "/tmp/l2a-test-words-XXXXXX";
    char err[256];
    l2a_word_index *w, *view = NULL;
    l2a_snap_writer *wr;
    l2a_snap_reader *r;
    uint32_t seed = 12345;
    int fd = mkstemp(path);

    ck_assert_int_ge(fd, 0);
    close(fd);
    for (int i = 0; i < N; i++) {
        int len = 6 + i % 5;

        for (int c = 0; c < len; c++) {
            seed = seed * 1103515245u + 12345u;
            buf[i][c] = (char)('a' + (seed >> 16) % 26);
        }
        buf[i][len] = '\0';
        key[i] = buf[i];
    }
    w = build(key, N);
    ck_assert_int_eq(l2a_snapw_begin(path, &wr, err), L2A_OK);
    ck_assert_int_eq(l2a_words_save(w, wr, 10, err), L2A_OK);
    ck_assert_int_eq(l2a_snapw_commit(wr, err), L2A_OK);
    ck_assert_int_eq(l2a_snapr_open(path, &r, err), L2A_OK);
    ck_assert_int_eq(l2a_words_view(r, 10, &view), L2A_OK);
    ck_assert_int_eq(l2a_words_check(view, N), L2A_OK);
    /* Entries are numbered below N: a smaller bound is refused. */
    ck_assert_int_eq(l2a_words_check(view, N / 2), L2A_ERR_SNAPSHOT_FORMAT);
    for (int i = 0; i < N; i += 7) {
        char typo[24];
        int len = (int)strlen(key[i]);
        char swapped;
        uint32_t out[64];
        size_t n, j;

        /* The word with its third letter deleted, in both indexes. */
        memcpy(typo, key[i], 2);
        memcpy(typo + 2, key[i] + 3, (size_t)len - 2);
        n = l2a_words_lookup(view, typo, (size_t)len - 1, out, 64);
        for (j = 0; j < n && out[j] != (uint32_t)i; j++)
            ;
        ck_assert_msg(j < n, "%s from %s", typo, key[i]);
        ck_assert_str_eq(found(view, typo), found(w, typo));
        /* Its second and third letters swapped. */
        memcpy(typo, key[i], (size_t)len + 1);
        swapped = typo[1];
        typo[1] = typo[2];
        typo[2] = swapped;
        n = l2a_words_lookup(view, typo, (size_t)len, out, 64);
        for (j = 0; j < n && out[j] != (uint32_t)i; j++)
            ;
        ck_assert_msg(j < n, "%s from %s", typo, key[i]);
    }
    l2a_words_free(view);
    l2a_snapr_close(r);
    l2a_words_free(w);
    unlink(path);
}
END_TEST

Suite *l2a_test_suite(void)
{
    Suite *s = suite_create("word-index");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_rare_words_find_their_entries);
    tcase_add_test(tc, test_one_edit_finds_the_word);
    tcase_add_test(tc, test_short_words_are_not_edited);
    tcase_add_test(tc, test_a_known_word_is_not_edited);
    tcase_add_test(tc, test_common_words_list_nothing);
    tcase_add_test(tc, test_too_many_entries_overflow);
    tcase_add_test(tc, test_repeated_words_are_listed_once);
    tcase_add_test(tc, test_empty_index);
    tcase_add_test(tc, test_generated_words_round_trip_through_a_snapshot);
    suite_add_tcase(s, tc);
    return s;
}
