/* SPDX-License-Identifier: MIT */
/* Snapshots through the public API: the same answers after a round trip, and damage or forgery refused. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xxhash.h>

#include "l2a.h"
#include "api-helpers.h"
#include "test-common.h"

const int l2a_test_wants_shared_data = 0;

static const test_row accounts[] = {
    {.id = "A1", .name = "Acme Corporation", .domains = "acme.com|acme.co.uk", .country = "US", .city = "Springfield"},
    {.id = "A2", .name = "Globex GmbH", .domains = "globex.de", .country = "Germany"},
    {.id = "A3", .name = "International Business Machines", .domains = "ibm.com", .aliases = "Big Blue"},
    {.id = "A4", .name = "Umbrella Holdings", .domains = "umbrella.com"},
    {.id = "A5", .name = "Umbrella Pharmaceuticals", .domains = "umbrella.com"},
    {.id = "A6", .name = "Mailbox Company", .domains = "mailbox.example"},
    {.id = "A7", .name = "Universite de Cergy-Pontoise", .domains = "u-cergy.fr", .country = "FR"},
};

static const test_row persons[] = {
    {.id = "P1", .email = "jane@emea.acme.co.uk"},
    {.id = "P2", .name = "Globx", .country = "DE"},
    {.id = "P3", .name = "Big Blue"},
    {.id = "P4", .email = "x@umbrella.com"},
    {.id = "P5", .email = "y@mailbox.example"},
    {.id = "P6", .name = "Université de Cergy Pontoise"},
    {.id = "P7", .email = "z@gmail.com", .name = "Umbrella Pharma"},
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static char path[64];

static l2a_matcher *original(void)
{
    l2a_matcher *m = NULL;
    l2a_record *rec;
    size_t i;

    ck_assert_int_eq(l2a_matcher_new(&m), L2A_OK);
    ck_assert_int_eq(l2a_matcher_add_freemail(m, "mailbox.example", L2A_NTS), L2A_OK);
    ck_assert_int_eq(l2a_matcher_set_param(m, L2A_PARAM_THRESHOLD, 0.4), L2A_OK);
    ck_assert_int_eq(l2a_matcher_set_param(m, L2A_PARAM_MAX_CANDIDATES, 9), L2A_OK);
    ck_assert_int_eq(l2a_matcher_set_param(m, L2A_PARAM_NAME_SEARCH, L2A_NAME_SEARCH_ALWAYS), L2A_OK);
    ck_assert_int_eq(l2a_record_new(&rec), L2A_OK);
    for (i = 0; i < N(accounts); i++) {
        test_fill(rec, &accounts[i]);
        ck_assert_int_eq(l2a_matcher_add_account(m, rec), L2A_OK);
    }
    l2a_record_free(rec);
    ck_assert_int_eq(l2a_matcher_build(m), L2A_OK);
    return m;
}

static void make_path(void)
{
    snprintf(path, sizeof path, "/tmp/l2a-api-snap-%ld.snap", (long)getpid());
}

static void same_answers(l2a_matcher *a, l2a_matcher *b)
{
    l2a_record *rec;
    l2a_result *ra, *rb;
    size_t i, c;
    int f;

    ck_assert_int_eq(l2a_record_new(&rec), L2A_OK);
    ck_assert_int_eq(l2a_result_new(&ra), L2A_OK);
    ck_assert_int_eq(l2a_result_new(&rb), L2A_OK);
    for (i = 0; i < N(persons); i++) {
        test_fill(rec, &persons[i]);
        ck_assert_int_eq(l2a_match(a, rec, ra), L2A_OK);
        ck_assert_int_eq(l2a_match(b, rec, rb), L2A_OK);
        ck_assert_int_eq(l2a_result_status(ra), l2a_result_status(rb));
        ck_assert_int_eq(l2a_result_method(ra), l2a_result_method(rb));
        ck_assert_uint_eq(l2a_result_candidate_count(ra), l2a_result_candidate_count(rb));
        for (c = 0; c < l2a_result_candidate_count(ra); c++) {
            ck_assert_str_eq(l2a_result_candidate_id(ra, c), l2a_result_candidate_id(rb, c));
            ck_assert_double_eq(l2a_result_candidate_score(ra, c), l2a_result_candidate_score(rb, c));
            for (f = 0; f < L2A_FEATURE_COUNT; f++) {
                double va, vb;
                l2a_result_candidate_feature(ra, c, f, &va, NULL);
                l2a_result_candidate_feature(rb, c, f, &vb, NULL);
                ck_assert_double_eq(va, vb);
            }
        }
    }
    l2a_result_free(ra);
    l2a_result_free(rb);
    l2a_record_free(rec);
}

START_TEST(round_trip_gives_the_same_answers)
{
    l2a_matcher *m = original(), *loaded;
    double v;

    make_path();
    ck_assert_int_eq(l2a_matcher_save_snapshot(m, path), L2A_OK);
    ck_assert_int_eq(l2a_matcher_new(&loaded), L2A_OK);
    ck_assert_int_eq(l2a_matcher_load_snapshot(loaded, path), L2A_OK);
    ck_assert_uint_eq(l2a_matcher_account_count(loaded), N(accounts));
    ck_assert_str_eq(l2a_matcher_model_version(loaded), l2a_matcher_model_version(m));
    ck_assert_int_eq(l2a_matcher_get_param(loaded, L2A_PARAM_THRESHOLD, &v), L2A_OK);
    ck_assert_double_eq(v, 0.4);
    ck_assert_int_eq(l2a_matcher_get_param(loaded, L2A_PARAM_MAX_CANDIDATES, &v), L2A_OK);
    ck_assert_double_eq(v, 9);
    ck_assert_int_eq(l2a_matcher_get_param(loaded, L2A_PARAM_NAME_SEARCH, &v), L2A_OK);
    ck_assert_double_eq(v, L2A_NAME_SEARCH_ALWAYS);
    same_answers(m, loaded);
    /* The file is no longer needed by name once loaded: the mapping keeps it. */
    unlink(path);
    same_answers(m, loaded);
    /* A loaded matcher is built: it refuses a second load, and saves again. */
    ck_assert_int_eq(l2a_matcher_load_snapshot(loaded, path), L2A_ERR_ALREADY_BUILT);
    ck_assert_int_eq(l2a_matcher_save_snapshot(loaded, path), L2A_OK);
    l2a_matcher_free(m);
    m = loaded;
    ck_assert_int_eq(l2a_matcher_new(&loaded), L2A_OK);
    ck_assert_int_eq(l2a_matcher_load_snapshot(loaded, path), L2A_OK);
    same_answers(m, loaded);
    unlink(path);
    l2a_matcher_free(m);
    l2a_matcher_free(loaded);
}
END_TEST

static long file_size(const char *p)
{
    FILE *f = fopen(p, "rb");
    long n;

    ck_assert_ptr_nonnull(f);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fclose(f);
    return n;
}

START_TEST(damaged_or_foreign_files_are_refused)
{
    l2a_matcher *m = original(), *fresh;
    l2a_record *rec;
    FILE *f;
    long size;

    make_path();
    ck_assert_int_eq(l2a_matcher_save_snapshot(m, path), L2A_OK);
    size = file_size(path);
    ck_assert_int_eq(truncate(path, size / 2), 0);
    ck_assert_int_eq(l2a_matcher_new(&fresh), L2A_OK);
    ck_assert_int_eq(l2a_matcher_load_snapshot(fresh, path), L2A_ERR_SNAPSHOT_FORMAT);
    ck_assert(strstr(l2a_matcher_errmsg(fresh), path) != NULL);
    f = fopen(path, "wb");
    fputs("l2a-model 1\nend\n", f);
    fclose(f);
    ck_assert_int_eq(l2a_matcher_load_snapshot(fresh, path), L2A_ERR_SNAPSHOT_FORMAT);
    unlink(path);
    ck_assert_int_eq(l2a_matcher_load_snapshot(fresh, path), L2A_ERR_IO);
    ck_assert_int_eq(l2a_matcher_load_snapshot(fresh, NULL), L2A_ERR_INVALID_ARGUMENT);
    /* After the refusals the matcher is as new: it takes accounts and builds. */
    ck_assert_int_eq(l2a_record_new(&rec), L2A_OK);
    test_fill(rec, &accounts[0]);
    ck_assert_int_eq(l2a_matcher_add_account(fresh, rec), L2A_OK);
    ck_assert_int_eq(l2a_matcher_load_snapshot(fresh, path), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_matcher_build(fresh), L2A_OK);
    l2a_record_free(rec);
    l2a_matcher_free(fresh);

    ck_assert_int_eq(l2a_matcher_new(&fresh), L2A_OK);
    ck_assert_int_eq(l2a_matcher_save_snapshot(fresh, path), L2A_ERR_NOT_BUILT);
    ck_assert_int_eq(l2a_matcher_save_snapshot(m, "/nonexistent-dir/m.snap"), L2A_ERR_IO);
    l2a_matcher_free(fresh);
    l2a_matcher_free(m);
}
END_TEST

/* ---- files taken apart: the container layout (snapshot-file.c), as a forger sees it ---- */

#define HEADER_SIZE 64
#define ENTRY_SIZE 32
#define ACCOUNT_SIZE 40
/* Section tags (snapshot.c, keymap.c, trigram-snapshot.c). */
enum {
    TAG_META = 1,
    TAG_ARENA = 3,
    TAG_ACCOUNTS = 4,
    TAG_DOMAIN_KEYS = 102,
    TAG_TRIGRAM_POSTINGS = 304,
    TAG_WORDS = 310,
    TAG_WORD_EDITS_DIR = 311,
    TAG_WORD_POSTINGS = 314,
};

typedef struct snap_file {
    unsigned char *data;
    size_t size;
} snap_file;

static snap_file read_snapshot(void)
{
    snap_file f;
    FILE *fp = fopen(path, "rb");

    ck_assert_ptr_nonnull(fp);
    f.size = (size_t)file_size(path);
    f.data = malloc(f.size);
    ck_assert_ptr_nonnull(f.data);
    ck_assert_uint_eq(fread(f.data, 1, f.size, fp), f.size);
    fclose(fp);
    return f;
}

static void write_snapshot(const snap_file *f, const char *to)
{
    FILE *fp = fopen(to, "wb");

    ck_assert_ptr_nonnull(fp);
    ck_assert_uint_eq(fwrite(f->data, 1, f->size, fp), f->size);
    fclose(fp);
}

static uint64_t get_u64(const unsigned char *p)
{
    uint64_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

static void put_u64(unsigned char *p, uint64_t v)
{
    memcpy(p, &v, sizeof v);
}

static uint32_t n_sections(const snap_file *f)
{
    uint32_t n;
    memcpy(&n, f->data + 16, sizeof n);
    return n;
}

/* The table entry of a section, which must exist. */
static unsigned char *entry_of(const snap_file *f, uint32_t tag)
{
    uint32_t i, t;

    for (i = 0; i < n_sections(f); i++) {
        unsigned char *e = f->data + HEADER_SIZE + i * ENTRY_SIZE;
        memcpy(&t, e, sizeof t);
        if (t == tag)
            return e;
    }
    ck_abort_msg("no section %u", tag);
    return NULL;
}

static unsigned char *section_of(const snap_file *f, uint32_t tag, size_t *size)
{
    unsigned char *e = entry_of(f, tag);

    *size = (size_t)get_u64(e + 16);
    return f->data + get_u64(e + 8);
}

/* Makes every checksum right again, as a forger would. */
static void reseal(snap_file *f)
{
    uint32_t i, n = n_sections(f);
    size_t table = (n * ENTRY_SIZE + 63) / 64 * 64;

    for (i = 0; i < n; i++) {
        unsigned char *e = f->data + HEADER_SIZE + i * ENTRY_SIZE;
        uint64_t off = get_u64(e + 8), len = get_u64(e + 16);
        if (off <= f->size && len <= f->size - off) /* a forged entry may point anywhere */
            put_u64(e + 24, XXH3_64bits(f->data + off, (size_t)len));
    }
    put_u64(f->data + 32, 0);
    put_u64(f->data + 32, XXH3_64bits(f->data, HEADER_SIZE + table));
}

static void save_original(void)
{
    l2a_matcher *m = original();

    make_path();
    ck_assert_int_eq(l2a_matcher_save_snapshot(m, path), L2A_OK);
    l2a_matcher_free(m);
}

/* A refused load names the file and the reason, and leaves the matcher new: it still takes a good snapshot. */
static void assert_refused_at_load(const char *why)
{
    l2a_matcher *m;

    ck_assert_int_eq(l2a_matcher_new(&m), L2A_OK);
    ck_assert_int_eq(l2a_matcher_load_snapshot(m, path), L2A_ERR_SNAPSHOT_FORMAT);
    ck_assert_msg(strstr(l2a_matcher_errmsg(m), why) != NULL, "%s", l2a_matcher_errmsg(m));
    ck_assert(strstr(l2a_matcher_errmsg(m), path) != NULL);
    ck_assert_uint_eq(l2a_matcher_account_count(m), 0);
    save_original();
    ck_assert_int_eq(l2a_matcher_load_snapshot(m, path), L2A_OK);
    ck_assert_uint_eq(l2a_matcher_account_count(m), N(accounts));
    l2a_matcher_free(m);
}

static void flip(snap_file *f, size_t at)
{
    f->data[at] ^= 0x20;
}

START_TEST(damage_anywhere_is_refused_at_load)
{
    static const uint32_t tags[] = {TAG_META, TAG_ARENA, TAG_ACCOUNTS, TAG_DOMAIN_KEYS, TAG_TRIGRAM_POSTINGS};
    snap_file f;
    size_t i, size;
    unsigned char *sec;

    for (i = 0; i < N(tags); i++) {
        save_original();
        f = read_snapshot();
        sec = section_of(&f, tags[i], &size);
        ck_assert_uint_gt(size, 0);
        flip(&f, (size_t)(sec - f.data) + size / 2);
        write_snapshot(&f, path);
        free(f.data);
        assert_refused_at_load("checksum");
    }
    unlink(path);
}
END_TEST

START_TEST(every_damaged_byte_is_refused_at_load)
{
    l2a_matcher *m;
    snap_file good, f;
    size_t at;

    save_original();
    good = read_snapshot();
    f.size = good.size;
    f.data = malloc(f.size);
    ck_assert_ptr_nonnull(f.data);
    for (at = 0; at < good.size; at += at < 1024 ? 3 : 61) {
        memcpy(f.data, good.data, f.size);
        flip(&f, at);
        write_snapshot(&f, path);
        ck_assert_int_eq(l2a_matcher_new(&m), L2A_OK);
        ck_assert_msg(l2a_matcher_load_snapshot(m, path) == L2A_ERR_SNAPSHOT_FORMAT, "byte %zu", at);
        ck_assert_uint_eq(l2a_matcher_account_count(m), 0);
        l2a_matcher_free(m);
    }
    free(f.data);
    free(good.data);
    unlink(path);
}
END_TEST

static void forge(void (*change)(snap_file *))
{
    snap_file f;

    save_original();
    f = read_snapshot();
    change(&f);
    reseal(&f);
    write_snapshot(&f, path);
    free(f.data);
}

static void string_past_the_arena(snap_file *f)
{
    size_t size, arena_size;
    unsigned char *table = section_of(f, TAG_ACCOUNTS, &size);
    uint32_t off;

    (void)section_of(f, TAG_ARENA, &arena_size);
    off = (uint32_t)arena_size; /* the first account's id: one past the arena's final NUL */
    memcpy(table, &off, sizeof off);
}

static void ids_out_of_order(snap_file *f)
{
    size_t size;
    unsigned char *table = section_of(f, TAG_ACCOUNTS, &size), first[ACCOUNT_SIZE];

    memcpy(first, table, ACCOUNT_SIZE);
    memmove(table, table + ACCOUNT_SIZE, ACCOUNT_SIZE);
    memcpy(table + ACCOUNT_SIZE, first, ACCOUNT_SIZE);
}

static void aliases_past_the_table(snap_file *f)
{
    size_t size;
    unsigned char *table = section_of(f, TAG_ACCOUNTS, &size);
    uint32_t n = 1000; /* the first account's n_aliases */

    memcpy(table + 6 * sizeof n, &n, sizeof n);
}

static void id_past_the_accounts(snap_file *f)
{
    size_t size;
    unsigned char *keys = section_of(f, TAG_DOMAIN_KEYS, &size);
    uint32_t bad = 1000000; /* the last key's ids: one id, not a list */

    memcpy(keys + size - sizeof bad, &bad, sizeof bad);
}

static void posting_past_the_entries(snap_file *f)
{
    size_t size;
    unsigned char *postings = section_of(f, TAG_TRIGRAM_POSTINGS, &size);
    uint32_t bad = UINT32_MAX - 1;

    memcpy(postings, &bad, sizeof bad);
}

static void word_posting_past_the_entries(snap_file *f)
{
    size_t size;
    unsigned char *postings = section_of(f, TAG_WORD_POSTINGS, &size);
    uint32_t bad = 1000000;

    ck_assert_uint_ge(size, sizeof bad);
    memcpy(postings + size - sizeof bad, &bad, sizeof bad);
}

/* A word number is the low half of a map item. */
static void word_number_past_the_words(snap_file *f)
{
    size_t size;
    unsigned char *items = section_of(f, TAG_WORDS, &size);
    uint32_t bad = UINT32_MAX;

    ck_assert_uint_ge(size, 8);
    memcpy(items, &bad, sizeof bad);
}

/* The last bucket of the edits would end past the items. */
static void word_buckets_past_the_items(snap_file *f)
{
    size_t size;
    unsigned char *dir = section_of(f, TAG_WORD_EDITS_DIR, &size);
    uint32_t bad = UINT32_MAX;

    ck_assert_uint_ge(size, 2 * sizeof bad);
    memcpy(dir + size - sizeof bad, &bad, sizeof bad);
}

static void section_past_the_end(snap_file *f)
{
    unsigned char *e = entry_of(f, TAG_ARENA);

    put_u64(e + 8, get_u64(e + 8) + (uint64_t)f->size);
}

static void more_accounts_than_stored(snap_file *f)
{
    size_t size;
    unsigned char *meta = section_of(f, TAG_META, &size);

    put_u64(meta + 8, get_u64(meta + 8) + 1); /* n_accounts */
}

START_TEST(forged_files_with_valid_checksums_are_refused_at_load)
{
    forge(string_past_the_arena);
    assert_refused_at_load("account tables");
    forge(ids_out_of_order);
    assert_refused_at_load("account tables");
    forge(aliases_past_the_table);
    assert_refused_at_load("account tables");
    forge(id_past_the_accounts);
    assert_refused_at_load("index tables");
    forge(posting_past_the_entries);
    assert_refused_at_load("index tables");
    forge(word_posting_past_the_entries);
    assert_refused_at_load("index tables");
    forge(word_number_past_the_words);
    assert_refused_at_load("index tables");
    forge(word_buckets_past_the_items);
    assert_refused_at_load("index tables");
    forge(section_past_the_end);
    assert_refused_at_load("bounds");
    forge(more_accounts_than_stored);
    assert_refused_at_load("account tables");
    unlink(path);
}
END_TEST

START_TEST(an_older_format_is_refused_with_a_clear_message)
{
    l2a_matcher *m;
    snap_file f;
    uint32_t version = 1;

    save_original();
    f = read_snapshot();
    memcpy(f.data + 8, &version, sizeof version);
    reseal(&f);
    write_snapshot(&f, path);
    free(f.data);
    ck_assert_int_eq(l2a_matcher_new(&m), L2A_OK);
    ck_assert_int_eq(l2a_matcher_load_snapshot(m, path), L2A_ERR_SNAPSHOT_FORMAT);
    ck_assert_msg(strstr(l2a_matcher_errmsg(m), "format version 1") != NULL, "%s", l2a_matcher_errmsg(m));
    ck_assert(strstr(l2a_matcher_errmsg(m), "save the snapshot again") != NULL);
    l2a_matcher_free(m);
    unlink(path);
}
END_TEST

/* ---- several loads at once ---- */

/*
 * Enough accounts that the load checks the file on helper threads (tens of
 * megabytes), with ids and names that the tests can predict.
 */
#define BIG_ACCOUNTS 60000

static l2a_matcher *big_matcher(void)
{
    l2a_matcher *m;
    l2a_record *rec;
    char id[32], name[64], domain[64];
    size_t i;

    ck_assert_int_eq(l2a_matcher_new(&m), L2A_OK);
    ck_assert_int_eq(l2a_record_new(&rec), L2A_OK);
    for (i = 0; i < BIG_ACCOUNTS; i++) {
        snprintf(id, sizeof id, "B%06zu", i);
        snprintf(name, sizeof name, "Company %zu Number %zu Trading", i * 7919 % 100003, i);
        snprintf(domain, sizeof domain, "company%zu.example", i);
        l2a_record_clear(rec);
        l2a_record_set(rec, L2A_FIELD_ID, id, L2A_NTS);
        l2a_record_set(rec, L2A_FIELD_COMPANY_NAME, name, L2A_NTS);
        l2a_record_add(rec, L2A_FIELD_DOMAIN, domain, L2A_NTS);
        ck_assert_int_eq(l2a_matcher_add_account(m, rec), L2A_OK);
    }
    l2a_record_free(rec);
    ck_assert_int_eq(l2a_matcher_build(m), L2A_OK);
    return m;
}

typedef struct loader {
    const char *file;
    const char *email; /* a person whose account is known */
    const char *want;  /* that account, or NULL when the load must be refused */
    int rc;
    char got[16];
} loader;

static void *load_and_match(void *arg)
{
    loader *ld = arg;
    l2a_matcher *m;
    l2a_record *rec;
    l2a_result *res;

    ld->got[0] = '\0';
    if (l2a_matcher_new(&m) != L2A_OK)
        return NULL;
    ld->rc = l2a_matcher_load_snapshot(m, ld->file);
    if (ld->rc == L2A_OK && l2a_record_new(&rec) == L2A_OK) {
        if (l2a_result_new(&res) == L2A_OK) {
            l2a_record_set(rec, L2A_FIELD_EMAIL, ld->email, L2A_NTS);
            if (l2a_match(m, rec, res) == L2A_OK && l2a_result_account_id(res))
                snprintf(ld->got, sizeof ld->got, "%s", l2a_result_account_id(res));
            l2a_result_free(res);
        }
        l2a_record_free(rec);
    }
    l2a_matcher_free(m);
    return NULL;
}

START_TEST(threads_load_different_matchers_at_once)
{
    enum { THREADS = 6 };
    char big[sizeof path], damaged[sizeof path], small[sizeof path];
    l2a_matcher *m = big_matcher();
    pthread_t t[THREADS];
    loader ld[THREADS];
    snap_file f;
    size_t size;
    unsigned char *sec;
    int i;

    snprintf(big, sizeof big, "/tmp/l2a-api-snap-big-%ld.snap", (long)getpid());
    snprintf(damaged, sizeof damaged, "/tmp/l2a-api-snap-damaged-%ld.snap", (long)getpid());
    ck_assert_int_eq(l2a_matcher_save_snapshot(m, big), L2A_OK);
    l2a_matcher_free(m);
    save_original();
    snprintf(small, sizeof small, "%s", path);
    /* The big file with one byte flipped near the end of its largest table. */
    snprintf(path, sizeof path, "%s", big);
    f = read_snapshot();
    sec = section_of(&f, TAG_ARENA, &size);
    flip(&f, (size_t)(sec - f.data) + size - 2);
    write_snapshot(&f, damaged);
    free(f.data);
    for (i = 0; i < THREADS; i++) {
        ld[i].file = i % 3 == 0 ? big : i % 3 == 1 ? small : damaged;
        ld[i].email = i % 3 == 0 ? "jane@company4242.example" : "x@ibm.com";
        ld[i].want = i % 3 == 0 ? "B004242" : i % 3 == 1 ? "A3" : NULL;
        ck_assert_int_eq(pthread_create(&t[i], NULL, load_and_match, &ld[i]), 0);
    }
    for (i = 0; i < THREADS; i++) {
        ck_assert_int_eq(pthread_join(t[i], NULL), 0);
        if (ld[i].want) {
            ck_assert_int_eq(ld[i].rc, L2A_OK);
            ck_assert_str_eq(ld[i].got, ld[i].want);
        } else {
            ck_assert_int_eq(ld[i].rc, L2A_ERR_SNAPSHOT_FORMAT);
        }
    }
    unlink(big);
    unlink(damaged);
    unlink(small);
}
END_TEST

Suite *l2a_test_suite(void)
{
    Suite *s = suite_create("api-snapshot");
    TCase *tc = tcase_create("snapshot");

    tcase_add_test(tc, round_trip_gives_the_same_answers);
    tcase_add_test(tc, damaged_or_foreign_files_are_refused);
    tcase_add_test(tc, damage_anywhere_is_refused_at_load);
    tcase_add_test(tc, every_damaged_byte_is_refused_at_load);
    tcase_add_test(tc, forged_files_with_valid_checksums_are_refused_at_load);
    tcase_add_test(tc, an_older_format_is_refused_with_a_clear_message);
    tcase_add_test(tc, threads_load_different_matchers_at_once);
    suite_add_tcase(s, tc);
    return s;
}
