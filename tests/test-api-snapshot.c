/* SPDX-License-Identifier: MIT */
/* Snapshots through the public API: the same answers after a round trip, and damage refused. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

Suite *l2a_test_suite(void)
{
    Suite *s = suite_create("api-snapshot");
    TCase *tc = tcase_create("snapshot");

    tcase_add_test(tc, round_trip_gives_the_same_answers);
    tcase_add_test(tc, damaged_or_foreign_files_are_refused);
    suite_add_tcase(s, tc);
    return s;
}
