/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "keymap.h"
#include "l2a.h"
#include "test-common.h"

const int l2a_test_wants_shared_data = 0;

static l2a_keymap *build_or_fail(l2a_keymap_builder *b)
{
    l2a_keymap *m = NULL;

    ck_assert_int_eq(l2a_kmap_build(b, &m), L2A_OK);
    ck_assert_ptr_nonnull(m);
    return m;
}

static void add_str(l2a_keymap_builder *b, const char *key, uint32_t id)
{
    ck_assert_int_eq(l2a_kmap_builder_add(b, key, strlen(key), id), L2A_OK);
}

static size_t find_str(const l2a_keymap *m, const char *key, const uint32_t **ids)
{
    return l2a_kmap_find(m, key, strlen(key), ids);
}

START_TEST(test_empty_map)
{
    l2a_keymap_builder *b = NULL;
    l2a_keymap *m;
    const uint32_t *ids = (const uint32_t *)&ids;

    ck_assert_int_eq(l2a_kmap_builder_new(&b), L2A_OK);
    m = build_or_fail(b);
    ck_assert_uint_eq(l2a_kmap_key_count(m), 0);
    ck_assert_uint_eq(find_str(m, "acme", &ids), 0);
    ck_assert_ptr_null(ids);
    l2a_kmap_free(m);
}
END_TEST

START_TEST(test_empty_keys_are_ignored)
{
    l2a_keymap_builder *b = NULL;
    l2a_keymap *m;
    const uint32_t *ids;

    ck_assert_int_eq(l2a_kmap_builder_new(&b), L2A_OK);
    ck_assert_int_eq(l2a_kmap_builder_add(b, "", 0, 1), L2A_OK);
    ck_assert_int_eq(l2a_kmap_builder_add(b, NULL, 0, 2), L2A_OK);
    m = build_or_fail(b);
    ck_assert_uint_eq(l2a_kmap_key_count(m), 0);
    ck_assert_uint_eq(l2a_kmap_find(m, "", 0, &ids), 0);
    l2a_kmap_free(m);
}
END_TEST

START_TEST(test_ids_ascending_and_deduplicated)
{
    l2a_keymap_builder *b = NULL;
    l2a_keymap *m;
    const uint32_t *ids;

    ck_assert_int_eq(l2a_kmap_builder_new(&b), L2A_OK);
    add_str(b, "acme.com", 9);
    add_str(b, "globex.com", 4);
    add_str(b, "acme.com", 3);
    add_str(b, "acme.com", 9);
    add_str(b, "acme.com", 0);
    add_str(b, "acme.com", UINT32_MAX);
    add_str(b, "acme.com", 3);
    m = build_or_fail(b);
    ck_assert_uint_eq(l2a_kmap_key_count(m), 2);
    ck_assert_uint_eq(find_str(m, "acme.com", &ids), 4);
    ck_assert_uint_eq(ids[0], 0);
    ck_assert_uint_eq(ids[1], 3);
    ck_assert_uint_eq(ids[2], 9);
    ck_assert_uint_eq(ids[3], UINT32_MAX);
    ck_assert_uint_eq(find_str(m, "globex.com", &ids), 1);
    ck_assert_uint_eq(ids[0], 4);
    l2a_kmap_free(m);
}
END_TEST

START_TEST(test_bytes_are_compared_exactly)
{
    static const char with_nul[] = {'a', '\0', 'b'};
    l2a_keymap_builder *b = NULL;
    l2a_keymap *m;
    const uint32_t *ids;

    ck_assert_int_eq(l2a_kmap_builder_new(&b), L2A_OK);
    add_str(b, "ab", 1);
    add_str(b, "abc", 2);
    add_str(b, "Ab", 3);
    ck_assert_int_eq(l2a_kmap_builder_add(b, with_nul, sizeof with_nul, 4), L2A_OK);
    m = build_or_fail(b);
    ck_assert_uint_eq(l2a_kmap_key_count(m), 4);
    ck_assert_uint_eq(find_str(m, "ab", &ids), 1);
    ck_assert_uint_eq(ids[0], 1);
    ck_assert_uint_eq(find_str(m, "abc", &ids), 1);
    ck_assert_uint_eq(ids[0], 2);
    ck_assert_uint_eq(find_str(m, "Ab", &ids), 1);
    ck_assert_uint_eq(ids[0], 3);
    ck_assert_uint_eq(l2a_kmap_find(m, with_nul, sizeof with_nul, &ids), 1);
    ck_assert_uint_eq(ids[0], 4);
    ck_assert_uint_eq(l2a_kmap_find(m, with_nul, 1, &ids), 0);
    ck_assert_uint_eq(find_str(m, "a", &ids), 0);
    ck_assert_uint_eq(find_str(m, "abcd", &ids), 0);
    ck_assert_uint_eq(find_str(m, "ba", &ids), 0);
    l2a_kmap_free(m);
}
END_TEST

START_TEST(test_invalid_arguments)
{
    l2a_keymap_builder *b = NULL;
    l2a_keymap *m = (l2a_keymap *)&m;
    const uint32_t *ids;

    ck_assert_int_eq(l2a_kmap_builder_new(NULL), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_kmap_builder_add(NULL, "a", 1, 1), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_kmap_build(NULL, &m), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_null(m);
    ck_assert_int_eq(l2a_kmap_builder_new(&b), L2A_OK);
    ck_assert_int_eq(l2a_kmap_builder_add(b, NULL, 3, 1), L2A_ERR_INVALID_ARGUMENT);
    /* The builder is consumed even when the output pointer is missing. */
    ck_assert_int_eq(l2a_kmap_build(b, NULL), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_uint_eq(l2a_kmap_find(NULL, "a", 1, &ids), 0);
    ck_assert_uint_eq(l2a_kmap_key_count(NULL), 0);
    l2a_kmap_free(NULL);
    l2a_kmap_builder_free(NULL);
}
END_TEST

START_TEST(test_builder_free_without_build)
{
    l2a_keymap_builder *b = NULL;

    ck_assert_int_eq(l2a_kmap_builder_new(&b), L2A_OK);
    for (uint32_t i = 0; i < 1000; i++)
        add_str(b, i % 2 ? "odd" : "even", i);
    /* Nothing to assert beyond the leak check that valgrind runs. */
    l2a_kmap_builder_free(b);
}
END_TEST

/* ---- comparison with a sort-based reference ---- */

#define N_PAIRS 100000
#define N_LOOKUPS_MISSING 20000

typedef struct ref_pair {
    char key[24];
    uint32_t id;
} ref_pair;

static uint64_t rng_state;

static uint64_t next_random(void)
{
    /* xorshift64*: deterministic and independent of the library's hash. */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * UINT64_C(2685821657736338717);
}

/* A small alphabet and short keys make repeated keys (and repeated pairs) common. */
static void random_key(char *key, size_t cap)
{
    static const char alphabet[] = "abcdefgh.-";
    size_t len = 1 + next_random() % (cap - 2 < 8 ? cap - 2 : 8);

    for (size_t i = 0; i < len; i++)
        key[i] = alphabet[next_random() % (sizeof alphabet - 1)];
    key[len] = '\0';
}

static int compare_ref(const void *pa, const void *pb)
{
    const ref_pair *a = pa, *b = pb;
    int c = strcmp(a->key, b->key);

    if (c)
        return c;
    return (a->id > b->id) - (a->id < b->id);
}

static int compare_ref_key(const void *key, const void *elem)
{
    return strcmp(key, ((const ref_pair *)elem)->key);
}

static ref_pair *make_reference(l2a_keymap_builder *b)
{
    ref_pair *ref = calloc(N_PAIRS, sizeof *ref);

    ck_assert_ptr_nonnull(ref);
    for (size_t i = 0; i < N_PAIRS; i++) {
        random_key(ref[i].key, sizeof ref[i].key);
        ref[i].id = (uint32_t)(next_random() % 5000);
        add_str(b, ref[i].key, ref[i].id);
    }
    qsort(ref, N_PAIRS, sizeof *ref, compare_ref);
    return ref;
}

/* Checks the map's ids for the key starting at ref[i]; returns the next key's index. */
static size_t check_one_key(const l2a_keymap *m, const ref_pair *ref, size_t i)
{
    const uint32_t *ids;
    size_t n = find_str(m, ref[i].key, &ids), got = 0, j = i;

    for (; j < N_PAIRS && strcmp(ref[j].key, ref[i].key) == 0; j++) {
        if (j > i && ref[j].id == ref[j - 1].id)
            continue;
        ck_assert_uint_lt(got, n);
        ck_assert_uint_eq(ids[got], ref[j].id);
        got++;
    }
    ck_assert_uint_eq(got, n);
    return j;
}

START_TEST(test_matches_reference)
{
    l2a_keymap_builder *b = NULL;
    l2a_keymap *m;
    ref_pair *ref;
    size_t distinct = 0, multi = 0;

    rng_state = UINT64_C(0x9e3779b97f4a7c15);
    ck_assert_int_eq(l2a_kmap_builder_new(&b), L2A_OK);
    ref = make_reference(b);
    m = build_or_fail(b);
    for (size_t i = 0; i < N_PAIRS; distinct++) {
        size_t next = check_one_key(m, ref, i);

        multi += next - i > 1;
        i = next;
    }
    ck_assert_uint_eq(l2a_kmap_key_count(m), distinct);
    /* The generator must exercise both single- and multi-id keys. */
    ck_assert_uint_gt(multi, 1000);
    ck_assert_uint_gt(distinct - multi, 1000);
    for (size_t i = 0, missing = 0; missing < N_LOOKUPS_MISSING; i++) {
        char key[24];
        const uint32_t *ids;

        ck_assert_uint_lt(i, 10 * N_LOOKUPS_MISSING);
        random_key(key, sizeof key);
        if (bsearch(key, ref, N_PAIRS, sizeof *ref, compare_ref_key))
            continue;
        ck_assert_uint_eq(find_str(m, key, &ids), 0);
        missing++;
    }
    l2a_kmap_free(m);
    free(ref);
}
END_TEST

START_TEST(test_many_ids_under_one_key)
{
    l2a_keymap_builder *b = NULL;
    l2a_keymap *m;
    const uint32_t *ids;

    ck_assert_int_eq(l2a_kmap_builder_new(&b), L2A_OK);
    /* Descending, then repeated: the build must sort and de-duplicate a long run. */
    for (uint32_t i = 5000; i-- > 0;)
        add_str(b, "shared.example", i * 2);
    for (uint32_t i = 0; i < 5000; i += 3)
        add_str(b, "shared.example", i * 2);
    add_str(b, "other.example", 1);
    m = build_or_fail(b);
    ck_assert_uint_eq(find_str(m, "shared.example", &ids), 5000);
    for (uint32_t i = 0; i < 5000; i++)
        ck_assert_uint_eq(ids[i], i * 2);
    ck_assert_uint_eq(find_str(m, "other.example", &ids), 1);
    l2a_kmap_free(m);
}
END_TEST

Suite *l2a_test_suite(void)
{
    Suite *s = suite_create("keymap");
    TCase *tc = tcase_create("keymap");

    tcase_add_test(tc, test_empty_map);
    tcase_add_test(tc, test_empty_keys_are_ignored);
    tcase_add_test(tc, test_ids_ascending_and_deduplicated);
    tcase_add_test(tc, test_bytes_are_compared_exactly);
    tcase_add_test(tc, test_invalid_arguments);
    tcase_add_test(tc, test_builder_free_without_build);
    tcase_add_test(tc, test_matches_reference);
    tcase_add_test(tc, test_many_ids_under_one_key);
    suite_add_tcase(s, tc);
    return s;
}
