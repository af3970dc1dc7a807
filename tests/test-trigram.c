/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "l2a.h"
#include "test-common.h"
#include "trigram.h"

const int l2a_test_wants_shared_data = 0;

#define EPS 1e-6

static uint64_t tri(const char *three)
{
    return XXH3_64bits(three, 3);
}

static int has_trigram(const uint64_t *set, size_t n, uint64_t t)
{
    for (size_t i = 0; i < n; i++)
        if (set[i] == t)
            return 1;
    return 0;
}

typedef struct doc_key {
    uint32_t doc;
    const char *key;
} doc_key;

static l2a_trigram_index *build_index(const doc_key *keys, size_t n, uint32_t n_docs)
{
    l2a_tri_builder *b = NULL;
    l2a_trigram_index *idx = NULL;

    ck_assert_int_eq(l2a_tri_builder_new(&b), L2A_OK);
    for (size_t i = 0; i < n; i++)
        ck_assert_int_eq(l2a_tri_builder_add(b, keys[i].doc, keys[i].key, strlen(keys[i].key)), L2A_OK);
    ck_assert_int_eq(l2a_tri_build(b, n_docs, &idx), L2A_OK);
    ck_assert_ptr_nonnull(idx);
    return idx;
}

static size_t query(const l2a_trigram_index *idx, const char *key, size_t k, l2a_tri_hit *out)
{
    l2a_tri_scratch *s = NULL;
    size_t n = SIZE_MAX;

    ck_assert_int_eq(l2a_tri_scratch_new(idx, &s), L2A_OK);
    ck_assert_int_eq(l2a_tri_query(idx, s, key, strlen(key), k, out, &n), L2A_OK);
    ck_assert_uint_le(n, k);
    l2a_tri_scratch_free(s);
    return n;
}

/* ---- extraction and similarity ---- */

START_TEST(test_extract_follows_pg_trgm_padding)
{
    static const char *acme[] = {"  a", " ac", "acm", "cme", "me "};
    uint64_t set[16];
    size_t n = l2a_tri_extract("acme", 4, set, 16);

    ck_assert_uint_eq(n, 5);
    for (size_t i = 0; i < 5; i++)
        ck_assert(has_trigram(set, n, tri(acme[i])));
    for (size_t i = 1; i < n; i++)
        ck_assert_uint_lt(set[i - 1], set[i]);
}
END_TEST

START_TEST(test_extract_counts)
{
    uint64_t set[16];

    /* Two tokens of two letters: three windows each. */
    ck_assert_uint_eq(l2a_tri_extract("ab cd", 5, set, 16), 6);
    ck_assert(has_trigram(set, 6, tri("  c")));
    ck_assert(has_trigram(set, 6, tri("ab ")));
    ck_assert(!has_trigram(set, 6, tri("b c")));
    /* "  a", " aa", "aaa" (twice), "aa ": repeats count once. */
    ck_assert_uint_eq(l2a_tri_extract("aaaa", 4, set, 16), 4);
    /* A token repeated adds nothing. */
    ck_assert_uint_eq(l2a_tri_extract("ab ab", 5, set, 16), 3);
    /* Extra, leading and trailing spaces separate tokens and nothing more. */
    ck_assert_uint_eq(l2a_tri_extract("  ab   cd ", 10, set, 16), 6);
    ck_assert_uint_eq(l2a_tri_extract("x", 1, set, 16), 2);
    ck_assert_uint_eq(l2a_tri_extract("", 0, set, 16), 0);
    ck_assert_uint_eq(l2a_tri_extract("   ", 3, set, 16), 0);
    ck_assert_uint_eq(l2a_tri_extract(NULL, 0, set, 16), 0);
}
END_TEST

START_TEST(test_extract_respects_cap)
{
    uint64_t full[16], part[3] = {0, 0, 0};

    ck_assert_uint_eq(l2a_tri_extract("acme", 4, full, 16), 5);
    /* The count is the key's; the output holds the smallest two. */
    ck_assert_uint_eq(l2a_tri_extract("acme", 4, part, 2), 5);
    ck_assert_uint_eq(part[0], full[0]);
    ck_assert_uint_eq(part[1], full[1]);
    ck_assert_uint_eq(part[2], 0);
    ck_assert_uint_eq(l2a_tri_extract("acme", 4, NULL, 0), 5);
}
END_TEST

START_TEST(test_extract_long_key_is_truncated)
{
    char key[1200];
    uint64_t set[L2A_TRI_MAX_TRIGRAMS];
    size_t n;

    /* Tokens of distinct letter pairs, so that repeats cannot hide the cap. */
    for (size_t i = 0; i < 400; i++) {
        key[3 * i] = (char)('a' + i % 26);
        key[3 * i + 1] = (char)('a' + (i / 26) % 26);
        key[3 * i + 2] = ' ';
    }
    n = l2a_tri_extract(key, 1200, set, L2A_TRI_MAX_TRIGRAMS);
    ck_assert_uint_le(n, L2A_TRI_MAX_TRIGRAMS);
    ck_assert_uint_gt(n, L2A_TRI_MAX_TRIGRAMS / 2);
    /* The beginning counts, the end does not: "ab" sits at token 27. */
    ck_assert(has_trigram(set, n, tri("ab ")));
    ck_assert(l2a_tri_similarity(key, 1200, key, 600) > 0.99);
}
END_TEST

START_TEST(test_similarity_values)
{
    ck_assert_double_eq_tol(l2a_tri_similarity("acme", 4, "acme", 4), 1.0, EPS);
    ck_assert_double_eq_tol(l2a_tri_similarity("abc", 3, "xyz", 3), 0.0, EPS);
    ck_assert_double_eq_tol(l2a_tri_similarity("", 0, "", 0), 0.0, EPS);
    ck_assert_double_eq_tol(l2a_tri_similarity("", 0, "acme", 4), 0.0, EPS);
    /* acme, acne: shared "  a", " ac" of 8 distinct trigrams. */
    ck_assert_double_eq_tol(l2a_tri_similarity("acme", 4, "acne", 4), 2.0 / 8.0, EPS);
    /* ab has 3 trigrams, all within the 6 of "ab cd". */
    ck_assert_double_eq_tol(l2a_tri_similarity("ab", 2, "ab cd", 5), 0.5, EPS);
    /* Symmetric, and token order does not matter. */
    ck_assert_double_eq_tol(l2a_tri_similarity("ab cd", 5, "ab", 2), 0.5, EPS);
    ck_assert_double_eq_tol(l2a_tri_similarity("cd ab", 5, "ab cd", 5), 1.0, EPS);
}
END_TEST

/* ---- weights ---- */

START_TEST(test_idf_and_rarity)
{
    static const doc_key keys[] = {{0, "abc"}, {1, "abd"}, {2, "xyz"}, {3, "abe"}};
    l2a_trigram_index *idx = build_index(keys, 4, 4);

    /* "  a" is in 3 of 4 entries, " xy" in one, "qqq" in none. */
    ck_assert_double_eq_tol(l2a_tri_idf(idx, tri("  a")), log(1.0 + 4.0 / 3.0), 1e-6);
    ck_assert_double_eq_tol(l2a_tri_idf(idx, tri(" xy")), log(1.0 + 4.0), 1e-6);
    ck_assert_double_eq_tol(l2a_tri_idf(idx, tri("qqq")), log(1.0 + 4.0), 1e-6);
    ck_assert_uint_eq(l2a_tri_posting_count(idx, tri("  a")), 3);
    ck_assert_uint_eq(l2a_tri_posting_count(idx, tri("qqq")), 0);
    /* Unseen trigrams are as rare as can be. */
    ck_assert_double_eq_tol(l2a_tri_rarity(idx, "qqq", 3), 1.0, 1e-9);
    ck_assert(l2a_tri_rarity(idx, "ab", 2) < l2a_tri_rarity(idx, "xy", 2));
    ck_assert(l2a_tri_rarity(idx, "ab", 2) > 0.0);
    ck_assert_double_eq(l2a_tri_rarity(idx, "", 0), 0.0);
    l2a_tri_free(idx);
}
END_TEST

/* ---- queries ---- */

START_TEST(test_query_finds_right_doc_among_decoys)
{
    static const doc_key keys[] = {
        {0, "acme foods"},           {1, "apex industrial"},         {2, "acme"},
        {3, "acme industrial supplies"}, {4, "industrial supplies direct"}, {5, "acme supplies"},
        {6, "globex industrial"},    {7, "acme industries"},
    };
    l2a_trigram_index *idx = build_index(keys, 8, 8);
    l2a_tri_hit hits[8];
    size_t n = query(idx, "acme industrial supply", 8, hits);

    ck_assert_uint_ge(n, 4);
    ck_assert_uint_eq(hits[0].doc, 3);
    for (size_t i = 1; i < n; i++) {
        ck_assert(hits[i - 1].score >= hits[i].score);
        ck_assert(hits[i].score < hits[0].score);
    }
    /* The exact name scores 1, whatever its trigrams' weights. */
    n = query(idx, "acme industrial supplies", 1, hits);
    ck_assert_uint_eq(n, 1);
    ck_assert_uint_eq(hits[0].doc, 3);
    ck_assert_double_eq_tol(hits[0].score, 1.0, 1e-5);
    l2a_tri_free(idx);
}
END_TEST

static size_t query_words_first(const l2a_trigram_index *idx, const char *key, size_t k, l2a_tri_hit *out)
{
    l2a_tri_scratch *s = NULL;
    size_t n = SIZE_MAX;

    ck_assert_int_eq(l2a_tri_scratch_new(idx, &s), L2A_OK);
    ck_assert_int_eq(l2a_tri_query_words_first(idx, s, key, strlen(key), k, out, &n), L2A_OK);
    ck_assert_uint_le(n, k);
    l2a_tri_scratch_free(s);
    return n;
}

/* The score l2a_tri_query gives doc for key; -1 when it does not rank it among the first k. */
static double full_score(const l2a_trigram_index *idx, const char *key, uint32_t doc)
{
    l2a_tri_hit hits[16];
    size_t n = query(idx, key, 16, hits);

    for (size_t i = 0; i < n; i++)
        if (hits[i].doc == doc)
            return hits[i].score;
    return -1.0;
}

START_TEST(test_words_first_settles_by_words_or_searches)
{
    static const doc_key keys[] = {
        {0, "vandelay industries"}, {1, "kramerica industries"}, {2, "pendant publishing"},
        {3, "vandelay imports"},    {4, "vandelay"},             {5, "industries limited"},
        {6, "pennant publishers"},
    };
    l2a_trigram_index *idx = build_index(keys, 7, 7);
    l2a_tri_hit hits[8], full[8];
    size_t n, n_full;

    /*
     * A typo: its words settle it, with the scores of the full search. The
     * candidates are the documents with "vandelay" and those with
     * "industries", the known word one edit from "industires"; not the
     * publishers, which share nothing with it.
     */
    n = query_words_first(idx, "vandelay industires", 8, hits);
    ck_assert_uint_eq(n, 5);
    ck_assert_uint_eq(hits[0].doc, 0);
    for (size_t i = 0; i < n; i++) {
        ck_assert(hits[i].doc != 2 && hits[i].doc != 6);
        ck_assert_double_eq_tol(hits[i].score, full_score(idx, "vandelay industires", hits[i].doc), 1e-6);
    }
    /* Settled by "imports" and the neighbour of "vandelya": three documents, the right one first. */
    n = query_words_first(idx, "vandelya imports", 8, hits);
    ck_assert_uint_eq(n, 3);
    ck_assert_uint_eq(hits[0].doc, 3);
    /* A word one edit from a known one: the same account first. */
    n = query_words_first(idx, "kramerika industries", 8, hits);
    ck_assert_uint_ge(n, 1);
    ck_assert_uint_eq(hits[0].doc, 1);
    /* Words that name nothing: the answer is the trigram search's, hit for hit. */
    n = query_words_first(idx, "pendxxt publxxhing", 8, hits);
    n_full = query(idx, "pendxxt publxxhing", 8, full);
    ck_assert_uint_ge(n, 1);
    ck_assert_uint_eq(hits[0].doc, 2);
    ck_assert_uint_eq(n, n_full);
    for (size_t i = 0; i < n; i++) {
        ck_assert_uint_eq(hits[i].doc, full[i].doc);
        ck_assert_double_eq_tol(hits[i].score, full[i].score, 1e-9);
    }
    /* A weak match by words (below the settling score) is searched too. */
    n = query_words_first(idx, "publishing house of the pacific northwest", 8, hits);
    n_full = query(idx, "publishing house of the pacific northwest", 8, full);
    ck_assert_uint_eq(n, n_full);
    ck_assert_uint_eq(hits[0].doc, full[0].doc);
    l2a_tri_free(idx);
}
END_TEST

START_TEST(test_doc_scores_as_its_best_key)
{
    static const doc_key keys[] = {
        {0, "international business machines"}, {1, "ibm research"}, {0, "ibm"},
        {2, "ibex"},
    };
    l2a_trigram_index *idx = build_index(keys, 4, 3);
    l2a_tri_hit hits[4];
    size_t n = query(idx, "ibm", 4, hits);

    /* Doc 0 matches through its alias, exactly, and is listed once. */
    ck_assert_uint_ge(n, 2);
    ck_assert_uint_eq(hits[0].doc, 0);
    ck_assert_double_eq_tol(hits[0].score, 1.0, 1e-5);
    for (size_t i = 1; i < n; i++)
        ck_assert_uint_ne(hits[i].doc, 0);
    n = query(idx, "international business machine", 4, hits);
    ck_assert_uint_ge(n, 1);
    ck_assert_uint_eq(hits[0].doc, 0);
    l2a_tri_free(idx);
}
END_TEST

START_TEST(test_ties_ordered_by_doc)
{
    static const doc_key keys[] = {
        {7, "northwind traders"}, {2, "northwind traders"}, {5, "northwind traders"},
        {0, "contoso"},           {9, "northwind traders"},
    };
    l2a_trigram_index *idx = build_index(keys, 5, 10);
    l2a_tri_hit hits[10];
    size_t n = query(idx, "northwind trader", 10, hits);

    ck_assert_uint_eq(n, 4);
    ck_assert_uint_eq(hits[0].doc, 2);
    ck_assert_uint_eq(hits[1].doc, 5);
    ck_assert_uint_eq(hits[2].doc, 7);
    ck_assert_uint_eq(hits[3].doc, 9);
    ck_assert(hits[0].score == hits[3].score);
    /* With fewer slots than ties, the lowest documents win. */
    n = query(idx, "northwind trader", 2, hits);
    ck_assert_uint_eq(n, 2);
    ck_assert_uint_eq(hits[0].doc, 2);
    ck_assert_uint_eq(hits[1].doc, 5);
    l2a_tri_free(idx);
}
END_TEST

START_TEST(test_k_larger_than_hits)
{
    static const doc_key keys[] = {{0, "alpha"}, {1, "alphabet"}, {2, "omega"}};
    l2a_trigram_index *idx = build_index(keys, 3, 3);
    l2a_tri_hit hits[50];
    size_t n = query(idx, "alpha", 50, hits);

    /* "omega" shares no trigram with "alpha". */
    ck_assert_uint_eq(n, 2);
    ck_assert_uint_eq(hits[0].doc, 0);
    ck_assert_uint_eq(hits[1].doc, 1);
    l2a_tri_free(idx);
}
END_TEST

START_TEST(test_empty_index_and_empty_query)
{
    static const doc_key keys[] = {{0, "alpha"}, {1, ""}, {1, "   "}};
    l2a_trigram_index *empty = build_index(NULL, 0, 0), *idx = build_index(keys, 3, 2);
    l2a_tri_hit hits[4];

    ck_assert_uint_eq(query(empty, "alpha", 4, hits), 0);
    ck_assert_double_eq(l2a_tri_idf(empty, tri("  a")), 0.0);
    ck_assert_double_eq(l2a_tri_rarity(empty, "alpha", 5), 1.0);
    ck_assert_uint_eq(query(idx, "", 4, hits), 0);
    ck_assert_uint_eq(query(idx, "    ", 4, hits), 0);
    ck_assert_uint_eq(query(idx, "alpha", 0, hits), 0);
    /* Keys without trigrams were not entries: "alpha" is the only one. */
    ck_assert_double_eq_tol(l2a_tri_idf(idx, tri("  a")), log(2.0), 1e-6);
    l2a_tri_free(empty);
    l2a_tri_free(idx);
}
END_TEST

START_TEST(test_invalid_arguments)
{
    static const doc_key keys[] = {{0, "alpha"}, {1, "beta"}};
    l2a_trigram_index *a = build_index(keys, 2, 2), *b = build_index(keys, 2, 2), *out;
    l2a_tri_builder *builder = NULL;
    l2a_tri_scratch *s = NULL;
    l2a_tri_hit hits[2];
    size_t n = 7;

    ck_assert_int_eq(l2a_tri_scratch_new(a, &s), L2A_OK);
    /* A scratch belongs to the index it was made for. */
    ck_assert_int_eq(l2a_tri_query(b, s, "alpha", 5, 2, hits, &n), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_uint_eq(n, 0);
    ck_assert_int_eq(l2a_tri_query(a, s, "alpha", 5, 2, NULL, &n), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_tri_query(a, s, NULL, 5, 2, hits, &n), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_tri_query(a, s, "alpha", 5, 2, hits, NULL), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_tri_query_words_first(b, s, "alpha", 5, 2, hits, &n), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_tri_query_words_first(a, s, NULL, 5, 2, hits, &n), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_tri_query_words_first(a, s, "alpha", 5, 2, hits, NULL), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_tri_query_words_first(a, s, "alpha", 5, 2, hits, &n), L2A_OK);
    ck_assert_uint_eq(n, 1);
    ck_assert_uint_eq(hits[0].doc, 0);
    l2a_tri_scratch_free(s);
    ck_assert_int_eq(l2a_tri_scratch_new(NULL, &s), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_null(s);
    ck_assert_int_eq(l2a_tri_builder_add(NULL, 0, "a", 1), L2A_ERR_INVALID_ARGUMENT);
    /* A document out of range fails the build, which still frees the builder. */
    ck_assert_int_eq(l2a_tri_builder_new(&builder), L2A_OK);
    ck_assert_int_eq(l2a_tri_builder_add(builder, 5, "alpha", 5), L2A_OK);
    out = a;
    ck_assert_int_eq(l2a_tri_build(builder, 5, &out), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_null(out);
    ck_assert_int_eq(l2a_tri_build(NULL, 5, &out), L2A_ERR_INVALID_ARGUMENT);
    l2a_tri_free(a);
    l2a_tri_free(b);
    l2a_tri_free(NULL);
    l2a_tri_scratch_free(NULL);
    l2a_tri_builder_free(NULL);
}
END_TEST

/* ---- synthetic names ---- */

#define N_NAMES 5000

static uint64_t rng_state;

static uint64_t next_random(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * UINT64_C(2685821657736338717);
}

/* One to three tokens of three to eight letters from a small alphabet. */
static void random_name(char *out, size_t cap)
{
    static const char letters[] = "abcdeilmnorstu";
    size_t len = 0, tokens = 1 + next_random() % 3;

    for (size_t t = 0; t < tokens && len + 10 < cap; t++) {
        size_t n = 3 + next_random() % 6;

        if (t)
            out[len++] = ' ';
        for (size_t i = 0; i < n; i++)
            out[len++] = letters[next_random() % (sizeof letters - 1)];
    }
    out[len] = '\0';
}

/* A typo, a dropped last token, or nothing. */
static void perturb(const char *in, char *out)
{
    size_t len = strlen(in);
    char *space;

    strcpy(out, in);
    switch (next_random() % 3) {
    case 0:
        out[next_random() % len] = 'z';
        break;
    case 1:
        space = strrchr(out, ' ');
        if (space)
            *space = '\0';
        break;
    default:
        break;
    }
}

typedef struct corpus {
    char names[N_NAMES][32];
    uint32_t doc[N_NAMES]; /* a few documents get a second name */
    char queries[N_NAMES / 10][32];
} corpus;

static corpus *make_corpus(void)
{
    corpus *c = malloc(sizeof *c);

    ck_assert_ptr_nonnull(c);
    rng_state = UINT64_C(0x0123456789abcdef);
    for (size_t i = 0; i < N_NAMES; i++) {
        random_name(c->names[i], sizeof c->names[i]);
        c->doc[i] = (uint32_t)(i % 7 == 6 ? i - 1 : i);
    }
    for (size_t q = 0; q < N_NAMES / 10; q++)
        perturb(c->names[next_random() % N_NAMES], c->queries[q]);
    return c;
}

static l2a_trigram_index *index_corpus(const corpus *c, int reverse)
{
    l2a_tri_builder *b = NULL;
    l2a_trigram_index *idx = NULL;

    ck_assert_int_eq(l2a_tri_builder_new(&b), L2A_OK);
    for (size_t j = 0; j < N_NAMES; j++) {
        size_t i = reverse ? N_NAMES - 1 - j : j;

        ck_assert_int_eq(l2a_tri_builder_add(b, c->doc[i], c->names[i], strlen(c->names[i])), L2A_OK);
    }
    ck_assert_int_eq(l2a_tri_build(b, N_NAMES, &idx), L2A_OK);
    return idx;
}

/* ---- the brute-force reference: IDF-weighted cosine from the public weights ---- */

#define REF_MAX 48

typedef struct ref_set {
    uint64_t t[REF_MAX];
    double w[REF_MAX];
    size_t n;
    double norm;
} ref_set;

static void reference_set(const l2a_trigram_index *idx, const char *key, ref_set *r)
{
    double norm2 = 0.0;

    r->n = l2a_tri_extract(key, strlen(key), r->t, REF_MAX);
    ck_assert_uint_le(r->n, REF_MAX);
    for (size_t i = 0; i < r->n; i++) {
        r->w[i] = pow(l2a_tri_idf(idx, r->t[i]), 2);
        norm2 += r->w[i];
    }
    r->norm = sqrt(norm2);
}

static double reference_score(const ref_set *q, const ref_set *e)
{
    double shared = 0.0;
    size_t i = 0, j = 0;

    while (i < q->n && j < e->n) {
        if (q->t[i] == e->t[j]) {
            shared += q->w[i];
            i++;
            j++;
        } else if (q->t[i] < e->t[j]) {
            i++;
        } else {
            j++;
        }
    }
    return q->norm > 0 && e->norm > 0 ? shared / (q->norm * e->norm) : 0.0;
}

START_TEST(test_top1_matches_brute_force)
{
    corpus *c = make_corpus();
    l2a_trigram_index *idx = index_corpus(c, 0);
    ref_set *names = calloc(N_NAMES, sizeof *names);
    l2a_tri_scratch *s = NULL;
    size_t exact_names = 0, unlisted = 0;

    ck_assert_ptr_nonnull(names);
    for (size_t i = 0; i < N_NAMES; i++)
        reference_set(idx, c->names[i], &names[i]);
    ck_assert_int_eq(l2a_tri_scratch_new(idx, &s), L2A_OK);
    for (size_t q = 0; q < N_NAMES / 10; q++) {
        const char *key = c->queries[q];
        ref_set qs;
        l2a_tri_hit hit;
        size_t n;
        double best = 0.0, of_hit = 0.0;

        reference_set(idx, key, &qs);
        for (size_t i = 0; i < N_NAMES; i++) {
            double score = reference_score(&qs, &names[i]);

            best = score > best ? score : best;
        }
        ck_assert_int_eq(l2a_tri_query(idx, s, key, strlen(key), 1, &hit, &n), L2A_OK);
        if (n == 0) {
            /* Only a query with no listed trigram may find nothing. */
            for (size_t i = 0; i < qs.n; i++)
                ck_assert_uint_eq(l2a_tri_posting_count(idx, qs.t[i]), 0);
            unlisted++;
            continue;
        }
        ck_assert_uint_eq(n, 1);
        ck_assert_double_eq_tol(hit.score, best, 1e-5);
        /* The document returned really has that score, through one of its names. */
        for (size_t i = 0; i < N_NAMES; i++)
            if (c->doc[i] == hit.doc && reference_score(&qs, &names[i]) > of_hit)
                of_hit = reference_score(&qs, &names[i]);
        ck_assert_double_eq_tol(of_hit, best, 1e-5);
        exact_names += best > 0.999;
    }
    /* About a third of the queries are unchanged names. */
    ck_assert_uint_gt(exact_names, N_NAMES / 10 / 4);
    ck_assert_uint_lt(unlisted, 5);
    l2a_tri_scratch_free(s);
    l2a_tri_free(idx);
    free(names);
    free(c);
}
END_TEST

/* Jaccard over the extracted hash sets, by merging: the reference for similarity. */
static double reference_similarity(const char *a, const char *b)
{
    uint64_t sa[L2A_TRI_MAX_TRIGRAMS], sb[L2A_TRI_MAX_TRIGRAMS];
    size_t na = l2a_tri_extract(a, strlen(a), sa, L2A_TRI_MAX_TRIGRAMS);
    size_t nb = l2a_tri_extract(b, strlen(b), sb, L2A_TRI_MAX_TRIGRAMS);
    size_t i = 0, j = 0, shared = 0;

    while (i < na && j < nb) {
        if (sa[i] == sb[j]) {
            shared++;
            i++;
            j++;
        } else if (sa[i] < sb[j]) {
            i++;
        } else {
            j++;
        }
    }
    return na + nb ? (double)shared / (double)(na + nb - shared) : 0.0;
}

START_TEST(test_similarity_matches_set_reference)
{
    corpus *c = make_corpus();
    size_t partial = 0;

    for (size_t q = 0; q < N_NAMES / 10; q++) {
        const char *a = c->queries[q], *b = c->names[(q * 7919) % N_NAMES];
        double expected = reference_similarity(a, b);

        ck_assert_double_eq_tol(l2a_tri_similarity(a, strlen(a), b, strlen(b)), expected, 1e-12);
        /* A perturbed name against the whole corpus: its source gives a partial overlap. */
        for (size_t i = 0; i < N_NAMES; i += 97) {
            double sim = l2a_tri_similarity(a, strlen(a), c->names[i], strlen(c->names[i]));

            ck_assert_double_eq_tol(sim, reference_similarity(a, c->names[i]), 1e-12);
            partial += sim > 0.0 && sim < 1.0;
        }
    }
    ck_assert_uint_gt(partial, 100);
    free(c);
}
END_TEST

START_TEST(test_same_results_whatever_the_insertion_order)
{
    corpus *c = make_corpus();
    l2a_trigram_index *fwd = index_corpus(c, 0), *rev = index_corpus(c, 1);
    l2a_tri_scratch *sf = NULL, *sr = NULL;
    size_t found = 0;

    ck_assert_int_eq(l2a_tri_scratch_new(fwd, &sf), L2A_OK);
    ck_assert_int_eq(l2a_tri_scratch_new(rev, &sr), L2A_OK);
    for (size_t q = 0; q < N_NAMES / 10; q++) {
        const char *key = c->queries[q];
        l2a_tri_hit a[20], b[20];
        size_t na, nb;

        ck_assert_int_eq(l2a_tri_query(fwd, sf, key, strlen(key), 20, a, &na), L2A_OK);
        ck_assert_int_eq(l2a_tri_query(rev, sr, key, strlen(key), 20, b, &nb), L2A_OK);
        ck_assert_uint_eq(na, nb);
        found += na > 0;
        for (size_t i = 0; i < na; i++) {
            ck_assert_uint_eq(a[i].doc, b[i].doc);
            ck_assert(a[i].score == b[i].score);
        }
    }
    ck_assert_uint_gt(found, N_NAMES / 10 - 5);
    l2a_tri_scratch_free(sf);
    l2a_tri_scratch_free(sr);
    l2a_tri_free(fwd);
    l2a_tri_free(rev);
    free(c);
}
END_TEST

/* ---- the cap ---- */

START_TEST(test_capped_trigram_still_scores)
{
    enum { N = 1000 };
    static char names[N][24];
    l2a_tri_builder *b = NULL;
    l2a_trigram_index *idx = NULL;
    l2a_tri_hit hits[5];
    size_t n;

    ck_assert_int_eq(l2a_tri_builder_new(&b), L2A_OK);
    for (uint32_t i = 0; i < N; i++) {
        /* Every name holds "qq"; the other token is unique. */
        snprintf(names[i], sizeof names[i], "qq k%c%c%c", 'a' + i % 26, 'a' + i / 26 % 26,
                 'a' + i / 676);
        ck_assert_int_eq(l2a_tri_builder_add(b, i, names[i], strlen(names[i])), L2A_OK);
    }
    ck_assert_int_eq(l2a_tri_build(b, N, &idx), L2A_OK);
    /* In all 1000 entries: above the cap of 256, so not listed, yet weighted. */
    ck_assert_uint_eq(l2a_tri_posting_count(idx, tri(" qq")), 0);
    ck_assert_uint_eq(l2a_tri_posting_count(idx, tri("qq ")), 0);
    ck_assert_double_eq_tol(l2a_tri_idf(idx, tri(" qq")), log(2.0), 1e-6);
    /* " ka" starts the unique token of every 26th name. */
    ck_assert_uint_eq(l2a_tri_posting_count(idx, tri(" ka")), 39);
    n = query(idx, names[123], 5, hits);
    ck_assert_uint_ge(n, 2);
    ck_assert_uint_eq(hits[0].doc, 123);
    /* Shared capped trigrams count: the same name scores 1. */
    ck_assert_double_eq_tol(hits[0].score, 1.0, 1e-5);
    ck_assert(hits[1].score < hits[0].score);
    /* Without the capped token, the right name still wins, below 1. */
    n = query(idx, names[123] + 3, 5, hits);
    ck_assert_uint_ge(n, 1);
    ck_assert_uint_eq(hits[0].doc, 123);
    ck_assert(hits[0].score < 1.0f && hits[0].score > 0.5f);
    /* A query of capped trigrams only finds nothing: there is no list to walk. */
    ck_assert_uint_eq(query(idx, "qq", 5, hits), 0);
    l2a_tri_free(idx);
}
END_TEST

START_TEST(test_candidates_ranked_by_all_their_trigrams)
{
    enum { N_COMMON = 600, N_SHORT = 100 };
    static char names[N_COMMON + N_SHORT][32];
    static const char target[] = "italian nara public";
    l2a_tri_builder *b = NULL;
    l2a_trigram_index *idx = NULL;
    l2a_tri_hit hit;
    uint32_t doc = 0;
    size_t n;

    ck_assert_int_eq(l2a_tri_builder_new(&b), L2A_OK);
    /* "italian" and "public" in 600 names: above the cap, so never walked. */
    for (uint32_t i = 0; i < N_COMMON; i++)
        snprintf(names[doc++], sizeof names[0], "italian %c%c%cx public", 'a' + i % 26,
                 'a' + i / 26 % 26, 'b' + i / 676);
    /*
     * Names that are just "nara": by the walked trigrams alone (shared mass
     * over norm) they beat the target, whose norm also holds the capped ones.
     */
    for (uint32_t i = 0; i < N_SHORT; i++)
        strcpy(names[doc++], "nara");
    for (uint32_t d = 0; d < doc; d++)
        ck_assert_int_eq(l2a_tri_builder_add(b, d, names[d], strlen(names[d])), L2A_OK);
    ck_assert_int_eq(l2a_tri_builder_add(b, doc, target, strlen(target)), L2A_OK);
    ck_assert_int_eq(l2a_tri_build(b, doc + 1, &idx), L2A_OK);
    ck_assert_uint_eq(l2a_tri_posting_count(idx, tri("ita")), 0);
    ck_assert_uint_eq(l2a_tri_posting_count(idx, tri("nar")), N_SHORT + 1);
    n = query(idx, target, 1, &hit);
    ck_assert_uint_eq(n, 1);
    ck_assert_uint_eq(hit.doc, doc);
    ck_assert_double_eq_tol(hit.score, 1.0, 1e-5);
    l2a_tri_free(idx);
}
END_TEST

/* ---- threads ---- */

#define N_THREADS 4
#define K_THREADS 10

typedef struct thread_job {
    const l2a_trigram_index *idx;
    const corpus *c;
    l2a_tri_hit (*hits)[K_THREADS];
    size_t *counts;
    int rc;
} thread_job;

static void *run_queries(void *arg)
{
    thread_job *job = arg;
    l2a_tri_scratch *s = NULL;

    job->rc = l2a_tri_scratch_new(job->idx, &s);
    for (size_t q = 0; q < N_NAMES / 10 && job->rc == L2A_OK; q++) {
        const char *key = job->c->queries[q];

        job->rc = l2a_tri_query(job->idx, s, key, strlen(key), K_THREADS, job->hits[q],
                                &job->counts[q]);
    }
    l2a_tri_scratch_free(s);
    return NULL;
}

START_TEST(test_concurrent_queries_agree)
{
    corpus *c = make_corpus();
    l2a_trigram_index *idx = index_corpus(c, 0);
    thread_job jobs[N_THREADS + 1];
    pthread_t threads[N_THREADS];

    for (int t = 0; t <= N_THREADS; t++) {
        jobs[t].idx = idx;
        jobs[t].c = c;
        jobs[t].hits = calloc(N_NAMES / 10, sizeof *jobs[t].hits);
        jobs[t].counts = calloc(N_NAMES / 10, sizeof *jobs[t].counts);
        ck_assert(jobs[t].hits && jobs[t].counts);
    }
    /* jobs[N_THREADS] is the single-threaded baseline. */
    run_queries(&jobs[N_THREADS]);
    for (int t = 0; t < N_THREADS; t++)
        ck_assert_int_eq(pthread_create(&threads[t], NULL, run_queries, &jobs[t]), 0);
    for (int t = 0; t < N_THREADS; t++)
        ck_assert_int_eq(pthread_join(threads[t], NULL), 0);
    for (int t = 0; t <= N_THREADS; t++)
        ck_assert_int_eq(jobs[t].rc, L2A_OK);
    for (int t = 0; t < N_THREADS; t++) {
        ck_assert_mem_eq(jobs[t].counts, jobs[N_THREADS].counts, N_NAMES / 10 * sizeof(size_t));
        for (size_t q = 0; q < N_NAMES / 10; q++)
            ck_assert_mem_eq(jobs[t].hits[q], jobs[N_THREADS].hits[q],
                             jobs[t].counts[q] * sizeof(l2a_tri_hit));
    }
    for (int t = 0; t <= N_THREADS; t++) {
        free(jobs[t].hits);
        free(jobs[t].counts);
    }
    l2a_tri_free(idx);
    free(c);
}
END_TEST

Suite *l2a_test_suite(void)
{
    Suite *s = suite_create("trigram");
    TCase *basics = tcase_create("extraction");
    TCase *index = tcase_create("index");
    TCase *scale = tcase_create("synthetic");

    tcase_add_test(basics, test_extract_follows_pg_trgm_padding);
    tcase_add_test(basics, test_extract_counts);
    tcase_add_test(basics, test_extract_respects_cap);
    tcase_add_test(basics, test_extract_long_key_is_truncated);
    tcase_add_test(basics, test_similarity_values);
    tcase_add_test(index, test_idf_and_rarity);
    tcase_add_test(index, test_query_finds_right_doc_among_decoys);
    tcase_add_test(index, test_words_first_settles_by_words_or_searches);
    tcase_add_test(index, test_doc_scores_as_its_best_key);
    tcase_add_test(index, test_ties_ordered_by_doc);
    tcase_add_test(index, test_k_larger_than_hits);
    tcase_add_test(index, test_empty_index_and_empty_query);
    tcase_add_test(index, test_invalid_arguments);
    tcase_add_test(index, test_capped_trigram_still_scores);
    tcase_add_test(index, test_candidates_ranked_by_all_their_trigrams);
    tcase_add_test(scale, test_top1_matches_brute_force);
    tcase_add_test(scale, test_similarity_matches_set_reference);
    tcase_add_test(scale, test_same_results_whatever_the_insertion_order);
    tcase_add_test(scale, test_concurrent_queries_agree);
    suite_add_tcase(s, basics);
    suite_add_tcase(s, index);
    suite_add_tcase(s, scale);
    return s;
}
