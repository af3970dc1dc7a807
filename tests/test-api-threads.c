/* SPDX-License-Identifier: MIT */
/* Many threads matching on one built matcher give exactly the single-threaded answers. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "l2a.h"
#include "test-common.h"

const int l2a_test_wants_shared_data = 0;

#define N_ACCOUNTS 3000
#define N_PERSONS 2400
#define N_THREADS 8

static const char *const words[] = {"north", "star", "river", "global", "alpine", "blue", "summit", "harbor",
                                    "quantum", "cedar", "pacific", "golden", "iron", "silver", "maple", "delta"};
static const char *const forms[] = {"Inc", "GmbH", "Ltd", "S.A.", "Co., Ltd.", "PLC", "AG", ""};

typedef struct answer {
    int status;
    char account[16];
    double score;
    size_t n_cands;
} answer;

static answer expected[N_PERSONS];

static void company_name(unsigned i, char *out, size_t cap)
{
    snprintf(out, cap, "%s %s %s %u %s", words[i % 16], words[(i / 16) % 16], words[(i / 256) % 16], i,
             forms[i % 8]);
}

static l2a_matcher *build_matcher(void)
{
    l2a_matcher *m;
    l2a_record *rec;
    char buf[128];
    unsigned i;

    ck_assert_int_eq(l2a_matcher_new(&m), L2A_OK);
    ck_assert_int_eq(l2a_record_new(&rec), L2A_OK);
    for (i = 0; i < N_ACCOUNTS; i++) {
        l2a_record_clear(rec);
        snprintf(buf, sizeof buf, "ACC%05u", i);
        ck_assert_int_eq(l2a_record_set(rec, L2A_FIELD_ID, buf, L2A_NTS), L2A_OK);
        company_name(i, buf, sizeof buf);
        ck_assert_int_eq(l2a_record_set(rec, L2A_FIELD_COMPANY_NAME, buf, L2A_NTS), L2A_OK);
        snprintf(buf, sizeof buf, "company%u.com", i);
        ck_assert_int_eq(l2a_record_add(rec, L2A_FIELD_DOMAIN, buf, L2A_NTS), L2A_OK);
        ck_assert_int_eq(l2a_matcher_add_account(m, rec), L2A_OK);
    }
    l2a_record_free(rec);
    ck_assert_int_eq(l2a_matcher_build(m), L2A_OK);
    return m;
}

/* Persons of several kinds: by email, by name with a typo, by website, free-mail. */
static void fill_person(l2a_record *rec, unsigned p)
{
    char buf[128];
    unsigned target = (p * 7919u) % N_ACCOUNTS;

    l2a_record_clear(rec);
    snprintf(buf, sizeof buf, "P%05u", p);
    l2a_record_set(rec, L2A_FIELD_ID, buf, L2A_NTS);
    switch (p % 4) {
    case 0:
        snprintf(buf, sizeof buf, "user%u@company%u.com", p, target);
        l2a_record_set(rec, L2A_FIELD_EMAIL, buf, L2A_NTS);
        break;
    case 1:
        company_name(target, buf, sizeof buf);
        buf[1] = buf[1] == 'x' ? 'y' : 'x';
        l2a_record_set(rec, L2A_FIELD_COMPANY_NAME, buf, L2A_NTS);
        break;
    case 2:
        snprintf(buf, sizeof buf, "https://www.company%u.com/about", target);
        l2a_record_set(rec, L2A_FIELD_WEBSITE, buf, L2A_NTS);
        break;
    default:
        snprintf(buf, sizeof buf, "user%u@gmail.com", p);
        l2a_record_set(rec, L2A_FIELD_EMAIL, buf, L2A_NTS);
        company_name(target, buf, sizeof buf);
        l2a_record_set(rec, L2A_FIELD_COMPANY_NAME, buf, L2A_NTS);
    }
}

static void take_answer(const l2a_result *res, answer *a)
{
    const char *id = l2a_result_account_id(res);

    memset(a, 0, sizeof *a);
    a->status = l2a_result_status(res);
    snprintf(a->account, sizeof a->account, "%s", id ? id : "");
    a->score = l2a_result_score(res);
    a->n_cands = l2a_result_candidate_count(res);
}

typedef struct worker {
    const l2a_matcher *m;
    unsigned first;
    unsigned mismatches;
    unsigned failures;
} worker;

static void *run_worker(void *arg)
{
    worker *w = arg;
    l2a_record *rec = NULL;
    l2a_result *res = NULL;
    unsigned i, p;
    answer a;

    if (l2a_record_new(&rec) || l2a_result_new(&res)) {
        w->failures++;
        goto out;
    }
    /* Every thread walks all persons from a different start, so they collide on the same accounts. */
    for (i = 0; i < N_PERSONS; i++) {
        p = (w->first + i) % N_PERSONS;
        fill_person(rec, p);
        if (l2a_match(w->m, rec, res) != L2A_OK) {
            w->failures++;
            continue;
        }
        take_answer(res, &a);
        if (a.status != expected[p].status || strcmp(a.account, expected[p].account) != 0 ||
            a.score != expected[p].score || a.n_cands != expected[p].n_cands)
            w->mismatches++;
    }
out:
    l2a_record_free(rec);
    l2a_result_free(res);
    return NULL;
}

START_TEST(threads_agree_with_one_thread)
{
    l2a_matcher *m = build_matcher();
    l2a_record *rec;
    l2a_result *res;
    pthread_t threads[N_THREADS];
    worker workers[N_THREADS];
    unsigned i, matched = 0;

    ck_assert_int_eq(l2a_record_new(&rec), L2A_OK);
    ck_assert_int_eq(l2a_result_new(&res), L2A_OK);
    for (i = 0; i < N_PERSONS; i++) {
        fill_person(rec, i);
        ck_assert_int_eq(l2a_match(m, rec, res), L2A_OK);
        take_answer(res, &expected[i]);
        matched += expected[i].status == L2A_STATUS_MATCHED;
    }
    /* The workload must mean something: most of these persons have a right answer. */
    ck_assert_uint_gt(matched, N_PERSONS / 2);
    for (i = 0; i < N_THREADS; i++) {
        workers[i] = (worker){m, i * (N_PERSONS / N_THREADS), 0, 0};
        ck_assert_int_eq(pthread_create(&threads[i], NULL, run_worker, &workers[i]), 0);
    }
    for (i = 0; i < N_THREADS; i++) {
        pthread_join(threads[i], NULL);
        ck_assert_uint_eq(workers[i].failures, 0);
        ck_assert_uint_eq(workers[i].mismatches, 0);
    }
    l2a_result_free(res);
    l2a_record_free(rec);
    l2a_matcher_free(m);
}
END_TEST


START_TEST(batch_agrees_with_single_calls)
{
    static const unsigned thread_counts[] = {1, 2, 3, 8, 0};
    l2a_matcher *m = build_matcher();
    l2a_record *records[N_PERSONS];
    l2a_result *results[N_PERSONS];
    unsigned i, k;
    answer a;

    for (i = 0; i < N_PERSONS; i++) {
        ck_assert_int_eq(l2a_record_new(&records[i]), L2A_OK);
        ck_assert_int_eq(l2a_result_new(&results[i]), L2A_OK);
        fill_person(records[i], i);
        ck_assert_int_eq(l2a_match(m, records[i], results[i]), L2A_OK);
        take_answer(results[i], &expected[i]);
    }
    for (k = 0; k < sizeof thread_counts / sizeof thread_counts[0]; k++) {
        ck_assert_int_eq(l2a_match_batch(m, (const l2a_record *const *)records, N_PERSONS, results, thread_counts[k]),
                         L2A_OK);
        for (i = 0; i < N_PERSONS; i++) {
            take_answer(results[i], &a);
            ck_assert_int_eq(a.status, expected[i].status);
            ck_assert_str_eq(a.account, expected[i].account);
            ck_assert_double_eq(a.score, expected[i].score);
            ck_assert_uint_eq(a.n_cands, expected[i].n_cands);
        }
    }
    /* Fewer persons than threads, and none at all. */
    ck_assert_int_eq(l2a_match_batch(m, (const l2a_record *const *)records, 3, results, 8), L2A_OK);
    ck_assert_int_eq(l2a_match_batch(m, NULL, 0, NULL, 4), L2A_OK);
    ck_assert_int_eq(l2a_match_batch(NULL, (const l2a_record *const *)records, 3, results, 1), L2A_ERR_INVALID_ARGUMENT);
    for (i = 0; i < N_PERSONS; i++) {
        l2a_record_free(records[i]);
        l2a_result_free(results[i]);
    }
    l2a_matcher_free(m);
}
END_TEST

START_TEST(batch_reports_the_first_failure_and_fills_the_rest)
{
    l2a_matcher *m = build_matcher();
    l2a_record *records[4] = {NULL};
    l2a_result *results[4];
    l2a_matcher *unbuilt;
    unsigned i;

    for (i = 0; i < 4; i++) {
        ck_assert_int_eq(l2a_record_new(&records[i]), L2A_OK);
        ck_assert_int_eq(l2a_result_new(&results[i]), L2A_OK);
        fill_person(records[i], i);
    }
    l2a_record_free(records[2]);
    records[2] = NULL; /* a NULL person: that match fails, the others do not */
    ck_assert_int_eq(l2a_match_batch(m, (const l2a_record *const *)records, 4, results, 2), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_result_status(results[2]), L2A_STATUS_REJECTED);
    ck_assert_int_eq(l2a_result_status(results[0]), L2A_STATUS_MATCHED);
    ck_assert_int_ne(l2a_result_status(results[3]), L2A_STATUS_REJECTED);
    ck_assert_int_eq(l2a_matcher_new(&unbuilt), L2A_OK);
    ck_assert_int_eq(l2a_match_batch(unbuilt, (const l2a_record *const *)records, 2, results, 2), L2A_ERR_NOT_BUILT);
    ck_assert_int_eq(l2a_result_status(results[1]), L2A_STATUS_REJECTED);
    l2a_matcher_free(unbuilt);
    for (i = 0; i < 4; i++) {
        l2a_record_free(records[i]);
        l2a_result_free(results[i]);
    }
    l2a_matcher_free(m);
}
END_TEST

Suite *l2a_test_suite(void)
{
    Suite *s = suite_create("api-threads");
    TCase *tc = tcase_create("threads");

    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, threads_agree_with_one_thread);
    tcase_add_test(tc, batch_agrees_with_single_calls);
    tcase_add_test(tc, batch_reports_the_first_failure_and_fills_the_rest);
    suite_add_tcase(s, tc);
    return s;
}
