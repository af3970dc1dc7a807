/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xxhash.h>

#include "buf.h"
#include "errors.h"
#include "keymap.h"
#include "l2a.h"
#include "snapshot-file.h"
#include "test-common.h"

const int l2a_test_wants_shared_data = 0;

/* The string table the maps are built over, as a segment's arena: offset 0 holds "". */
static l2a_buf table;

static void reset_table(void)
{
    l2a_buf_free(&table);
    ck_assert_int_eq(l2a_buf_putc(&table, '\0'), L2A_OK);
}

static size_t intern(const char *key)
{
    size_t off = table.len;

    ck_assert_int_eq(l2a_buf_append(&table, key, strlen(key)), L2A_OK);
    ck_assert_int_eq(l2a_buf_putc(&table, '\0'), L2A_OK);
    return off;
}

static void free_table(void)
{
    l2a_buf_free(&table);
}

static l2a_keymap_builder *new_builder(void)
{
    l2a_keymap_builder *b = NULL;

    reset_table();
    ck_assert_int_eq(l2a_kmap_builder_new(&table, &b), L2A_OK);
    ck_assert_ptr_nonnull(b);
    return b;
}

static l2a_keymap *build_or_fail(l2a_keymap_builder *b)
{
    l2a_keymap *m = NULL;

    ck_assert_int_eq(l2a_kmap_build(b, &m), L2A_OK);
    ck_assert_ptr_nonnull(m);
    return m;
}

/* Each call stores its own copy of the key, as accounts that share a name each have theirs. */
static void add_str(l2a_keymap_builder *b, const char *key, uint32_t id)
{
    ck_assert_int_eq(l2a_kmap_builder_add(b, intern(key), strlen(key), id), L2A_OK);
}

static size_t find_str(const l2a_keymap *m, const char *key, const uint32_t **ids)
{
    return l2a_kmap_find(m, &table, key, strlen(key), ids);
}

START_TEST(test_empty_map)
{
    l2a_keymap_builder *b = new_builder();
    l2a_keymap *m;
    const uint32_t *ids = (const uint32_t *)&ids;

    m = build_or_fail(b);
    ck_assert_uint_eq(l2a_kmap_key_count(m), 0);
    ck_assert_uint_eq(find_str(m, "acme", &ids), 0);
    ck_assert_ptr_null(ids);
    l2a_kmap_free(m);
}
END_TEST

START_TEST(test_empty_keys_are_ignored)
{
    l2a_keymap_builder *b = new_builder();
    l2a_keymap *m;
    const uint32_t *ids;

    ck_assert_int_eq(l2a_kmap_builder_add(b, 0, 0, 1), L2A_OK);
    ck_assert_int_eq(l2a_kmap_builder_add(b, intern("acme"), 0, 2), L2A_OK);
    m = build_or_fail(b);
    ck_assert_uint_eq(l2a_kmap_key_count(m), 0);
    ck_assert_uint_eq(l2a_kmap_find(m, &table, "", 0, &ids), 0);
    ck_assert_uint_eq(find_str(m, "acme", &ids), 0);
    l2a_kmap_free(m);
}
END_TEST

START_TEST(test_ids_ascending_and_deduplicated)
{
    l2a_keymap_builder *b = new_builder();
    l2a_keymap *m;
    const uint32_t *ids;
    size_t shared = intern("acme.com");

    add_str(b, "acme.com", 9);
    add_str(b, "globex.com", 4);
    add_str(b, "acme.com", 3);
    /* The same pair twice at one offset, and again at another. */
    ck_assert_int_eq(l2a_kmap_builder_add(b, shared, 8, 9), L2A_OK);
    ck_assert_int_eq(l2a_kmap_builder_add(b, shared, 8, 9), L2A_OK);
    add_str(b, "acme.com", 0);
    add_str(b, "acme.com", L2A_KMAP_MAX_ID);
    add_str(b, "acme.com", 3);
    m = build_or_fail(b);
    ck_assert_uint_eq(l2a_kmap_key_count(m), 2);
    ck_assert_uint_eq(find_str(m, "acme.com", &ids), 4);
    ck_assert_uint_eq(ids[0], 0);
    ck_assert_uint_eq(ids[1], 3);
    ck_assert_uint_eq(ids[2], 9);
    ck_assert_uint_eq(ids[3], L2A_KMAP_MAX_ID);
    ck_assert_uint_eq(find_str(m, "globex.com", &ids), 1);
    ck_assert_uint_eq(ids[0], 4);
    l2a_kmap_free(m);
}
END_TEST

START_TEST(test_bytes_are_compared_exactly)
{
    static const char with_nul[] = {'a', '\0', 'b'};
    l2a_keymap_builder *b = new_builder();
    l2a_keymap *m;
    const uint32_t *ids;

    add_str(b, "ab", 1);
    add_str(b, "abc", 2);
    add_str(b, "Ab", 3);
    m = build_or_fail(b);
    ck_assert_uint_eq(l2a_kmap_key_count(m), 3);
    ck_assert_uint_eq(find_str(m, "ab", &ids), 1);
    ck_assert_uint_eq(ids[0], 1);
    ck_assert_uint_eq(find_str(m, "abc", &ids), 1);
    ck_assert_uint_eq(ids[0], 2);
    ck_assert_uint_eq(find_str(m, "Ab", &ids), 1);
    ck_assert_uint_eq(ids[0], 3);
    ck_assert_uint_eq(l2a_kmap_find(m, &table, with_nul, sizeof with_nul, &ids), 0);
    ck_assert_uint_eq(l2a_kmap_find(m, &table, "abc", 2, &ids), 1);
    ck_assert_uint_eq(ids[0], 1);
    ck_assert_uint_eq(find_str(m, "a", &ids), 0);
    ck_assert_uint_eq(find_str(m, "abcd", &ids), 0);
    ck_assert_uint_eq(find_str(m, "ba", &ids), 0);
    l2a_kmap_free(m);
}
END_TEST

/* A key is a whole string of the table: a prefix of one, or a span over a NUL, is refused. */
START_TEST(test_keys_are_whole_strings)
{
    l2a_keymap_builder *b = new_builder();
    l2a_keymap *m;
    const uint32_t *ids;
    size_t ab = intern("ab");

    intern("c");
    ck_assert_int_eq(l2a_kmap_builder_add(b, ab, 1, 1), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_kmap_builder_add(b, ab, 4, 1), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_kmap_builder_add(b, ab, table.len, 1), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_kmap_builder_add(b, table.len + 1, 1, 1), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_kmap_builder_add(b, ab, 2, L2A_KMAP_MAX_ID + 1u), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_kmap_builder_add(b, ab, 2, 7), L2A_OK);
    m = build_or_fail(b);
    ck_assert_uint_eq(l2a_kmap_key_count(m), 1);
    ck_assert_uint_eq(find_str(m, "ab", &ids), 1);
    ck_assert_uint_eq(ids[0], 7);
    ck_assert_uint_eq(find_str(m, "a", &ids), 0);
    l2a_kmap_free(m);
}
END_TEST

/* The map keeps offsets, not pointers: the table may grow, and move, after the build. */
START_TEST(test_table_may_grow_after_build)
{
    l2a_keymap_builder *b = new_builder();
    l2a_keymap *m;
    const uint32_t *ids;
    char key[32];

    add_str(b, "initech.com", 5);
    m = build_or_fail(b);
    for (unsigned i = 0; i < 10000; i++) {
        snprintf(key, sizeof key, "filler-%u", i);
        intern(key);
    }
    ck_assert_uint_eq(find_str(m, "initech.com", &ids), 1);
    ck_assert_uint_eq(ids[0], 5);
    ck_assert_uint_eq(find_str(m, "filler-7", &ids), 0);
    l2a_kmap_free(m);
}
END_TEST

START_TEST(test_invalid_arguments)
{
    l2a_keymap_builder *b = NULL;
    l2a_keymap *m = (l2a_keymap *)&m;
    const uint32_t *ids;

    reset_table();
    ck_assert_int_eq(l2a_kmap_builder_new(&table, NULL), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_kmap_builder_new(NULL, &b), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_null(b);
    ck_assert_int_eq(l2a_kmap_builder_add(NULL, intern("a"), 1, 1), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_kmap_builder_reserve(NULL, 1), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_kmap_build(NULL, &m), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_null(m);
    ck_assert_int_eq(l2a_kmap_builder_new(&table, &b), L2A_OK);
    /* The builder is consumed even when the output pointer is missing. */
    ck_assert_int_eq(l2a_kmap_build(b, NULL), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_uint_eq(l2a_kmap_find(NULL, &table, "a", 1, &ids), 0);
    ck_assert_uint_eq(l2a_kmap_key_count(NULL), 0);
    l2a_kmap_free(NULL);
    l2a_kmap_builder_free(NULL);
}
END_TEST

START_TEST(test_builder_free_without_build)
{
    l2a_keymap_builder *b = new_builder();

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
    b = new_builder();
    /* Room for a part only: the rest grows the builder as it goes. */
    ck_assert_int_eq(l2a_kmap_builder_reserve(b, N_PAIRS / 2), L2A_OK);
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
    l2a_keymap_builder *b = new_builder();
    l2a_keymap *m;
    const uint32_t *ids;

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

/* ---- snapshots ---- */

#define TAG 100

static char snap_path[64];

static void make_snap_path(void)
{
    int fd;

    snprintf(snap_path, sizeof snap_path, "/tmp/l2a-kmap-XXXXXX");
    fd = mkstemp(snap_path);
    ck_assert_int_ge(fd, 0);
    close(fd);
}

static l2a_snap_reader *open_snapshot(void)
{
    l2a_snap_reader *r = NULL;
    char err[L2A_ERRMSG_SIZE];

    ck_assert_int_eq(l2a_snapr_open(snap_path, &r, err), L2A_OK);
    unlink(snap_path);
    return r;
}

/* What a snapshot load does with a map: the view, then the check through (ids below n_ids). */
static int view_and_check(const l2a_snap_reader *r, uint32_t tag, uint32_t n_ids, l2a_keymap **out)
{
    int rc = l2a_kmap_view(r, tag, out);

    if (rc == L2A_OK && (rc = l2a_kmap_check(*out, n_ids)) != L2A_OK) {
        l2a_kmap_free(*out);
        *out = NULL;
    }
    return rc;
}

START_TEST(test_snapshot_round_trip)
{
    l2a_keymap_builder *b = new_builder();
    l2a_keymap *m, *v = NULL;
    l2a_snap_writer *w;
    l2a_snap_reader *r;
    char err[L2A_ERRMSG_SIZE];
    const uint32_t *ids;

    add_str(b, "acme.com", 3);
    add_str(b, "acme.com", 1);
    add_str(b, "globex.com", 4);
    add_str(b, "initech.com", 0);
    add_str(b, "initech.com", 2);
    m = build_or_fail(b);
    make_snap_path();
    ck_assert_int_eq(l2a_snapw_begin(snap_path, &w, err), L2A_OK);
    ck_assert_int_eq(l2a_kmap_save(m, w, TAG, err), L2A_OK);
    ck_assert_int_eq(l2a_snapw_commit(w, err), L2A_OK);
    l2a_kmap_free(m);
    r = open_snapshot();
    /* Id 4 is out of range for a table of four accounts. */
    ck_assert_int_eq(view_and_check(r, TAG, 4, &v), L2A_ERR_SNAPSHOT_FORMAT);
    ck_assert_ptr_null(v);
    ck_assert_int_eq(view_and_check(r, TAG, 5, &v), L2A_OK);
    ck_assert_uint_eq(l2a_kmap_key_count(v), 3);
    ck_assert_uint_eq(find_str(v, "acme.com", &ids), 2);
    ck_assert_uint_eq(ids[0], 1);
    ck_assert_uint_eq(ids[1], 3);
    ck_assert_uint_eq(find_str(v, "globex.com", &ids), 1);
    ck_assert_uint_eq(ids[0], 4);
    ck_assert_uint_eq(find_str(v, "initech.com", &ids), 2);
    ck_assert_uint_eq(ids[1], 2);
    ck_assert_uint_eq(find_str(v, "umbrella.com", &ids), 0);
    l2a_kmap_free(v);
    l2a_snapr_close(r);
}
END_TEST

typedef struct crafted_key {
    uint32_t tag, ref, ids;
} crafted_key;

/* Writes a one-bucket map of the given keys and id lists; returns what viewing it (ids below 10) gives. */
static int view_crafted(const uint32_t shape[4], const uint32_t *buckets, size_t n_buckets, const crafted_key *keys,
                        size_t n_keys, const uint32_t *more, size_t n_more)
{
    l2a_snap_writer *w;
    l2a_snap_reader *r;
    l2a_keymap *v = NULL;
    char err[L2A_ERRMSG_SIZE];
    int rc;

    make_snap_path();
    ck_assert_int_eq(l2a_snapw_begin(snap_path, &w, err), L2A_OK);
    ck_assert_int_eq(l2a_snapw_add(w, TAG, shape, 4 * sizeof *shape, err), L2A_OK);
    ck_assert_int_eq(l2a_snapw_add(w, TAG + 1, buckets, n_buckets * sizeof *buckets, err), L2A_OK);
    ck_assert_int_eq(l2a_snapw_add(w, TAG + 2, keys, n_keys * sizeof *keys, err), L2A_OK);
    ck_assert_int_eq(l2a_snapw_add(w, TAG + 3, more, n_more * sizeof *more, err), L2A_OK);
    ck_assert_int_eq(l2a_snapw_commit(w, err), L2A_OK);
    r = open_snapshot();
    rc = view_and_check(r, TAG, 10, &v);
    ck_assert(rc == L2A_OK ? v != NULL : v == NULL);
    l2a_kmap_free(v);
    l2a_snapr_close(r);
    return rc;
}

START_TEST(test_snapshot_view_refuses_crafted_maps)
{
    const uint32_t shape[4] = {2, 5, 0, 0}, bad_bits[4] = {2, 5, 1, 0}, reserved[4] = {2, 5, 0, 1};
    const uint32_t buckets[2] = {0, 2}, short_buckets[2] = {0, 1}, late_start[2] = {1, 2};
    const crafted_key keys[2] = {{1, 0, 7}, {2, 0, 0x80000000u}};
    const crafted_key out_of_order[2] = {{1, 0, 7}, {2, 0, 0x80000001u}};
    const crafted_key id_too_big[2] = {{1, 0, 10}, {2, 0, 0x80000000u}};
    const uint32_t more[5] = {4, 1, 2, 3, 4}, long_list[5] = {5, 1, 2, 3, 4}, big_id[5] = {4, 1, 2, 3, 10};
    const uint32_t trailing[6] = {4, 1, 2, 3, 4, 0};

    ck_assert_int_eq(view_crafted(shape, buckets, 2, keys, 2, more, 5), L2A_OK);
    ck_assert_int_eq(view_crafted(bad_bits, buckets, 2, keys, 2, more, 5), L2A_ERR_SNAPSHOT_FORMAT);
    ck_assert_int_eq(view_crafted(reserved, buckets, 2, keys, 2, more, 5), L2A_ERR_SNAPSHOT_FORMAT);
    ck_assert_int_eq(view_crafted(shape, short_buckets, 2, keys, 2, more, 5), L2A_ERR_SNAPSHOT_FORMAT);
    ck_assert_int_eq(view_crafted(shape, late_start, 2, keys, 2, more, 5), L2A_ERR_SNAPSHOT_FORMAT);
    ck_assert_int_eq(view_crafted(shape, buckets, 2, out_of_order, 2, more, 5), L2A_ERR_SNAPSHOT_FORMAT);
    ck_assert_int_eq(view_crafted(shape, buckets, 2, id_too_big, 2, more, 5), L2A_ERR_SNAPSHOT_FORMAT);
    ck_assert_int_eq(view_crafted(shape, buckets, 2, keys, 2, long_list, 5), L2A_ERR_SNAPSHOT_FORMAT);
    ck_assert_int_eq(view_crafted(shape, buckets, 2, keys, 2, big_id, 5), L2A_ERR_SNAPSHOT_FORMAT);
    /* More entries than the shape says, or lists that leave some of them unused. */
    ck_assert_int_eq(view_crafted(shape, buckets, 2, keys, 2, trailing, 6), L2A_ERR_SNAPSHOT_FORMAT);
    {
        const uint32_t six[4] = {2, 6, 0, 0};
        ck_assert_int_eq(view_crafted(six, buckets, 2, keys, 2, trailing, 6), L2A_ERR_SNAPSHOT_FORMAT);
    }
}
END_TEST

/* Views a one-key map whose key is the hash of name, at offset ref of the table, with id 3. */
static size_t find_in_crafted(uint32_t ref, const char *name)
{
    const uint32_t shape[4] = {1, 0, 0, 0}, buckets[2] = {0, 1};
    crafted_key key = {(uint32_t)XXH3_64bits(name, strlen(name)), ref, 3};
    l2a_snap_writer *w;
    l2a_snap_reader *r;
    l2a_keymap *v = NULL;
    char err[L2A_ERRMSG_SIZE];
    const uint32_t *ids;
    size_t n;

    make_snap_path();
    ck_assert_int_eq(l2a_snapw_begin(snap_path, &w, err), L2A_OK);
    ck_assert_int_eq(l2a_snapw_add(w, TAG, shape, sizeof shape, err), L2A_OK);
    ck_assert_int_eq(l2a_snapw_add(w, TAG + 1, buckets, sizeof buckets, err), L2A_OK);
    ck_assert_int_eq(l2a_snapw_add(w, TAG + 2, &key, sizeof key, err), L2A_OK);
    ck_assert_int_eq(l2a_snapw_add(w, TAG + 3, NULL, 0, err), L2A_OK);
    ck_assert_int_eq(l2a_snapw_commit(w, err), L2A_OK);
    r = open_snapshot();
    ck_assert_int_eq(view_and_check(r, TAG, 10, &v), L2A_OK);
    n = find_str(v, name, &ids);
    if (n)
        ck_assert_uint_eq(ids[0], 3);
    l2a_kmap_free(v);
    l2a_snapr_close(r);
    return n;
}

/* Key offsets from a crafted file are checked at lookup, against the table of the moment. */
START_TEST(test_snapshot_key_offsets_checked_at_lookup)
{
    uint32_t acme;

    reset_table();
    acme = (uint32_t)intern("acme.com");
    intern("globex.com");
    ck_assert_uint_eq(find_in_crafted(acme, "acme.com"), 1);
    ck_assert_uint_eq(find_in_crafted(acme + 1, "acme.com"), 0);
    ck_assert_uint_eq(find_in_crafted((uint32_t)table.len, "acme.com"), 0);
    ck_assert_uint_eq(find_in_crafted(0xfffffff0u, "acme.com"), 0);
    /* Any string of the table, the last one too. */
    ck_assert_uint_eq(find_in_crafted(acme + 9, "globex.com"), 1);
}
END_TEST

Suite *l2a_test_suite(void)
{
    Suite *s = suite_create("keymap");
    TCase *tc = tcase_create("keymap");

    tcase_add_checked_fixture(tc, NULL, free_table);

    tcase_add_test(tc, test_empty_map);
    tcase_add_test(tc, test_empty_keys_are_ignored);
    tcase_add_test(tc, test_ids_ascending_and_deduplicated);
    tcase_add_test(tc, test_bytes_are_compared_exactly);
    tcase_add_test(tc, test_keys_are_whole_strings);
    tcase_add_test(tc, test_table_may_grow_after_build);
    tcase_add_test(tc, test_invalid_arguments);
    tcase_add_test(tc, test_builder_free_without_build);
    tcase_add_test(tc, test_matches_reference);
    tcase_add_test(tc, test_many_ids_under_one_key);
    tcase_add_test(tc, test_snapshot_round_trip);
    tcase_add_test(tc, test_snapshot_view_refuses_crafted_maps);
    tcase_add_test(tc, test_snapshot_key_offsets_checked_at_lookup);
    suite_add_tcase(s, tc);
    return s;
}
