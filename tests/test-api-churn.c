/* SPDX-License-Identifier: MIT */
/* Account churn through the public API: add, replace and remove accounts on a built matcher. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "l2a.h"
#include "api-helpers.h"
#include "test-common.h"

const int l2a_test_wants_shared_data = 0;

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const test_row initial[] = {
    {.id = "A1", .name = "Acme Corporation", .domains = "acme.com", .country = "US"},
    {.id = "A2", .name = "Globex GmbH", .domains = "globex.de", .country = "Germany"},
    {.id = "A3", .name = "International Business Machines", .domains = "ibm.com", .aliases = "Big Blue"},
    {.id = "A4", .name = "Umbrella Holdings", .domains = "umbrella.com"},
    {.id = "A5", .name = "Umbrella Pharmaceuticals", .domains = "umbrella.com"},
    {.id = "A6", .name = "Initech Software", .domains = "initech.com"},
    {.id = "A7", .name = "Hooli Incorporated", .domains = "hooli.xyz"},
    {.id = "A8", .name = "Stark Industries", .domains = "stark.com", .country = "US"},
};

/* The accounts once the churn below is applied. */
static const test_row final[] = {
    {.id = "A1", .name = "Acme Corporation", .domains = "acme.com", .country = "US"},
    {.id = "A2", .name = "Globex GmbH", .domains = "globex-new.de", .country = "Germany"},
    {.id = "A3", .name = "International Business Machines", .domains = "ibm.com", .aliases = "Big Blue"},
    {.id = "A5", .name = "Umbrella Pharmaceuticals", .domains = "umbrella.com"},
    {.id = "A6", .name = "Initech Software", .domains = "initech.com"},
    {.id = "A8", .name = "Stark Industries", .domains = "stark.com", .country = "US"},
    {.id = "A9", .name = "Wayne Enterprises", .domains = "wayne.com", .country = "US"},
    {.id = "B1", .name = "Cyberdyne Systems", .domains = "cyberdyne.com", .aliases = "Skynet"},
};

static const test_row persons[] = {
    {.id = "P1", .email = "jane@acme.com"},
    {.id = "P2", .email = "hans@globex.de"},
    {.id = "P3", .email = "hans@globex-new.de"},
    {.id = "P4", .name = "Big Blue"},
    {.id = "P5", .email = "x@umbrella.com"},
    {.id = "P6", .name = "Umbrella Holdings"},
    {.id = "P7", .email = "bruce@wayne.com"},
    {.id = "P8", .name = "Wayne Enterprise"},
    {.id = "P9", .name = "Skynet"},
    {.id = "P10", .name = "Hooli"},
    {.id = "P11", .email = "p@hooli.xyz"},
    {.id = "P12", .name = "Stark Industries", .country = "US"},
    {.id = "P13", .name = "Initech"},
    {.id = "P14", .name = "Cyberdyne Systems"},
    {.id = "P15", .name = "Globex"},
};

static void put(l2a_matcher *m, const test_row *row)
{
    l2a_record *rec;

    ck_assert_int_eq(l2a_record_new(&rec), L2A_OK);
    test_fill(rec, row);
    ck_assert_msg(l2a_matcher_add_account(m, rec) == L2A_OK, "put %s: %s", row->id, l2a_matcher_errmsg(m));
    l2a_record_free(rec);
}

/* Matches one person; returns the matched account id or "" (static storage of the result). */
static const char *match_id(const l2a_matcher *m, const test_row *person, l2a_result *res)
{
    l2a_record *rec;
    const char *id;

    ck_assert_int_eq(l2a_record_new(&rec), L2A_OK);
    test_fill(rec, person);
    ck_assert_int_eq(l2a_match(m, rec, res), L2A_OK);
    l2a_record_free(rec);
    id = l2a_result_account_id(res);
    return id ? id : "";
}

static int is_candidate(const l2a_result *res, const char *id)
{
    size_t i;

    for (i = 0; i < l2a_result_candidate_count(res); i++)
        if (strcmp(l2a_result_candidate_id(res, i), id) == 0)
            return 1;
    return 0;
}

/* The churn that turns initial into final. */
static void churn(l2a_matcher *m)
{
    put(m, &final[1]); /* A2: new domain */
    ck_assert_int_eq(l2a_matcher_remove_account(m, "A4", L2A_NTS), L2A_OK);
    put(m, &(test_row){.id = "A7", .name = "Temporary"});
    ck_assert_int_eq(l2a_matcher_remove_account(m, "A7", L2A_NTS), L2A_OK);
    put(m, &final[6]); /* A9 */
    put(m, &(test_row){.id = "B1", .name = "Wrong Name"});
    ck_assert_int_eq(l2a_matcher_build(m), L2A_OK);
    put(m, &final[7]); /* B1 again, replacing a delta account */
    ck_assert_int_eq(l2a_matcher_build(m), L2A_OK);
}

START_TEST(added_account_is_matched_after_the_build)
{
    l2a_matcher *m = test_matcher(initial, N(initial), NULL);
    l2a_result *res;

    ck_assert_int_eq(l2a_result_new(&res), L2A_OK);
    ck_assert_str_eq(match_id(m, &persons[6], res), "");
    put(m, &final[6]);
    /* Staged: invisible until the build. */
    ck_assert_str_eq(match_id(m, &persons[6], res), "");
    ck_assert_uint_eq(l2a_matcher_account_count(m), N(initial));
    ck_assert_int_eq(l2a_matcher_build(m), L2A_OK);
    ck_assert_uint_eq(l2a_matcher_account_count(m), N(initial) + 1);
    ck_assert_str_eq(match_id(m, &persons[6], res), "A9");
    ck_assert_int_eq(l2a_result_status(res), L2A_STATUS_MATCHED);
    ck_assert_str_eq(match_id(m, &persons[7], res), "A9");
    /* The base still matches. */
    ck_assert_str_eq(match_id(m, &persons[0], res), "A1");
    l2a_result_free(res);
    l2a_matcher_free(m);
}
END_TEST

START_TEST(updated_domain_moves)
{
    l2a_matcher *m = test_matcher(initial, N(initial), NULL);
    l2a_result *res;

    ck_assert_int_eq(l2a_result_new(&res), L2A_OK);
    ck_assert_str_eq(match_id(m, &persons[1], res), "A2");
    put(m, &final[1]);
    ck_assert_int_eq(l2a_matcher_build(m), L2A_OK);
    ck_assert_uint_eq(l2a_matcher_account_count(m), N(initial));
    match_id(m, &persons[1], res);
    ck_assert_int_ne(l2a_result_status(res), L2A_STATUS_MATCHED);
    ck_assert(!is_candidate(res, "A2"));
    ck_assert_str_eq(match_id(m, &persons[2], res), "A2");
    ck_assert_int_eq(l2a_result_status(res), L2A_STATUS_MATCHED);
    /* Updated twice: the latest wins. */
    put(m, &initial[1]);
    ck_assert_int_eq(l2a_matcher_build(m), L2A_OK);
    ck_assert_str_eq(match_id(m, &persons[1], res), "A2");
    match_id(m, &persons[2], res);
    ck_assert(!is_candidate(res, "A2"));
    l2a_result_free(res);
    l2a_matcher_free(m);
}
END_TEST

START_TEST(removed_account_is_gone)
{
    l2a_matcher *m = test_matcher(initial, N(initial), NULL);
    l2a_result *res;

    ck_assert_int_eq(l2a_result_new(&res), L2A_OK);
    match_id(m, &persons[4], res);
    ck_assert(is_candidate(res, "A4"));
    ck_assert_int_eq(l2a_matcher_remove_account(m, "A4", 2), L2A_OK);
    match_id(m, &persons[4], res);
    ck_assert(is_candidate(res, "A4")); /* staged */
    ck_assert_int_eq(l2a_matcher_remove_account(m, "A4", L2A_NTS), L2A_ERR_NOT_FOUND);
    ck_assert_int_eq(l2a_matcher_remove_account(m, "nobody", L2A_NTS), L2A_ERR_NOT_FOUND);
    ck_assert(strlen(l2a_matcher_errmsg(m)) > 0);
    ck_assert_int_eq(l2a_matcher_build(m), L2A_OK);
    ck_assert_uint_eq(l2a_matcher_account_count(m), N(initial) - 1);
    ck_assert_str_eq(match_id(m, &persons[4], res), "A5");
    ck_assert(!is_candidate(res, "A4"));
    match_id(m, &persons[5], res);
    ck_assert(!is_candidate(res, "A4"));
    ck_assert_int_eq(l2a_matcher_remove_account(m, "A4", L2A_NTS), L2A_ERR_NOT_FOUND);
    /* Re-adding a removed id brings it back. */
    put(m, &initial[3]);
    ck_assert_int_eq(l2a_matcher_build(m), L2A_OK);
    ck_assert_uint_eq(l2a_matcher_account_count(m), N(initial));
    match_id(m, &persons[5], res);
    ck_assert(is_candidate(res, "A4"));
    /* Removing a delta account. */
    put(m, &final[6]);
    ck_assert_int_eq(l2a_matcher_build(m), L2A_OK);
    ck_assert_int_eq(l2a_matcher_remove_account(m, "A9", L2A_NTS), L2A_OK);
    ck_assert_int_eq(l2a_matcher_build(m), L2A_OK);
    ck_assert_str_eq(match_id(m, &persons[6], res), "");
    ck_assert_uint_eq(l2a_matcher_account_count(m), N(initial));
    l2a_result_free(res);
    l2a_matcher_free(m);
}
END_TEST

static void same_decisions(const l2a_matcher *a, const l2a_matcher *b, int exact_scores)
{
    l2a_result *ra, *rb;
    size_t i, j;

    ck_assert_int_eq(l2a_result_new(&ra), L2A_OK);
    ck_assert_int_eq(l2a_result_new(&rb), L2A_OK);
    for (i = 0; i < N(persons); i++) {
        const char *ia = match_id(a, &persons[i], ra), *ib = match_id(b, &persons[i], rb);
        ck_assert_msg(strcmp(ia, ib) == 0, "%s: %s vs %s", persons[i].id, ia, ib);
        ck_assert_int_eq(l2a_result_status(ra), l2a_result_status(rb));
        if (!exact_scores)
            continue;
        ck_assert_double_eq(l2a_result_score(ra), l2a_result_score(rb));
        ck_assert_uint_eq(l2a_result_candidate_count(ra), l2a_result_candidate_count(rb));
        for (j = 0; j < l2a_result_candidate_count(ra); j++) {
            ck_assert_str_eq(l2a_result_candidate_id(ra, j), l2a_result_candidate_id(rb, j));
            ck_assert_double_eq(l2a_result_candidate_score(ra, j), l2a_result_candidate_score(rb, j));
        }
    }
    l2a_result_free(ra);
    l2a_result_free(rb);
}

START_TEST(churn_equals_a_fresh_build)
{
    l2a_matcher *fresh = test_matcher(final, N(final), NULL);
    l2a_matcher *m = test_matcher(initial, N(initial), NULL);

    churn(m);
    ck_assert_uint_eq(l2a_matcher_account_count(m), N(final));
    same_decisions(fresh, m, 0);
    ck_assert_int_eq(l2a_matcher_compact(m), L2A_OK);
    ck_assert_uint_eq(l2a_matcher_account_count(m), N(final));
    same_decisions(fresh, m, 1);
    /* Compacting again, or building with nothing pending, changes nothing. */
    ck_assert_int_eq(l2a_matcher_compact(m), L2A_OK);
    ck_assert_int_eq(l2a_matcher_build(m), L2A_OK);
    same_decisions(fresh, m, 1);
    /* Compact applies pending changes too. */
    ck_assert_int_eq(l2a_matcher_remove_account(m, "B1", L2A_NTS), L2A_OK);
    ck_assert_int_eq(l2a_matcher_compact(m), L2A_OK);
    ck_assert_uint_eq(l2a_matcher_account_count(m), N(final) - 1);
    l2a_matcher_free(fresh);
    l2a_matcher_free(m);
}
END_TEST

static char path[64];

static char *slurp(const char *p, long *size)
{
    FILE *f = fopen(p, "rb");
    char *data;

    ck_assert_ptr_nonnull(f);
    fseek(f, 0, SEEK_END);
    *size = ftell(f);
    fseek(f, 0, SEEK_SET);
    data = malloc((size_t)*size + 1);
    ck_assert_ptr_nonnull(data);
    ck_assert_uint_eq(fread(data, 1, (size_t)*size, f), (size_t)*size);
    fclose(f);
    return data;
}

START_TEST(churn_on_a_loaded_snapshot)
{
    l2a_matcher *fresh = test_matcher(final, N(final), NULL);
    l2a_matcher *base = test_matcher(initial, N(initial), NULL), *m;
    char *before, *after;
    long size_before, size_after;

    snprintf(path, sizeof path, "/tmp/l2a-api-churn-%ld.snap", (long)getpid());
    ck_assert_int_eq(l2a_matcher_save_snapshot(base, path), L2A_OK);
    before = slurp(path, &size_before);
    ck_assert_int_eq(l2a_matcher_new(&m), L2A_OK);
    ck_assert_int_eq(l2a_matcher_load_snapshot(m, path), L2A_OK);
    churn(m);
    same_decisions(fresh, m, 0);
    /* Changes since the last full build: saving needs a compaction. */
    ck_assert_int_eq(l2a_matcher_save_snapshot(m, path), L2A_ERR_INVALID_ARGUMENT);
    ck_assert(strstr(l2a_matcher_errmsg(m), "compact") != NULL);
    after = slurp(path, &size_after);
    ck_assert_int_eq(size_before, size_after);
    ck_assert(memcmp(before, after, (size_t)size_before) == 0);
    free(after);
    ck_assert_int_eq(l2a_matcher_compact(m), L2A_OK);
    same_decisions(fresh, m, 1);
    after = slurp(path, &size_after);
    ck_assert_int_eq(size_before, size_after);
    ck_assert(memcmp(before, after, (size_t)size_before) == 0);
    free(after);
    ck_assert_int_eq(l2a_matcher_save_snapshot(m, path), L2A_OK);
    l2a_matcher_free(m);
    ck_assert_int_eq(l2a_matcher_new(&m), L2A_OK);
    ck_assert_int_eq(l2a_matcher_load_snapshot(m, path), L2A_OK);
    same_decisions(fresh, m, 1);
    unlink(path);
    free(before);
    l2a_matcher_free(m);
    l2a_matcher_free(base);
    l2a_matcher_free(fresh);
}
END_TEST

START_TEST(ties_are_broken_by_id)
{
    static const test_row twins[] = {
        {.id = "T2", .name = "Twin Widgets", .domains = "twins.example"},
        {.id = "Z9", .name = "Unrelated Foods"},
    };
    const test_row t1 = {.id = "T1", .name = "Twin Widgets", .domains = "twins.example"};
    const test_row person = {.id = "P", .email = "a@twins.example", .name = "Twin Widgets"};
    l2a_matcher *m = test_matcher(twins, N(twins), NULL);
    l2a_result *res;

    ck_assert_int_eq(l2a_result_new(&res), L2A_OK);
    /* T1 lands in the delta, after T2 in storage order, yet comes first. */
    put(m, &t1);
    ck_assert_int_eq(l2a_matcher_build(m), L2A_OK);
    match_id(m, &person, res);
    ck_assert_uint_ge(l2a_result_candidate_count(res), 2);
    ck_assert_double_eq(l2a_result_candidate_score(res, 0), l2a_result_candidate_score(res, 1));
    ck_assert_str_eq(l2a_result_candidate_id(res, 0), "T1");
    ck_assert_str_eq(l2a_result_candidate_id(res, 1), "T2");
    l2a_result_free(res);
    l2a_matcher_free(m);
}
END_TEST

Suite *l2a_test_suite(void)
{
    Suite *s = suite_create("api-churn");
    TCase *tc = tcase_create("churn");

    tcase_add_test(tc, added_account_is_matched_after_the_build);
    tcase_add_test(tc, updated_domain_moves);
    tcase_add_test(tc, removed_account_is_gone);
    tcase_add_test(tc, churn_equals_a_fresh_build);
    tcase_add_test(tc, churn_on_a_loaded_snapshot);
    tcase_add_test(tc, ties_are_broken_by_id);
    suite_add_tcase(s, tc);
    return s;
}
