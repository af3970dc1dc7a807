/* SPDX-License-Identifier: MIT */
/*
 * The real accounts and the dev lead set, matched through the public API
 * and scored against the truth. The floors here guard against regressions;
 * the full evaluation (calibration, per-category tables, baselines) is
 * `l2a eval`, and docs/accuracy.md holds its figures.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv-lite.h"
#include "l2a.h"
#include "test-common.h"

const int l2a_test_wants_shared_data = 1;

/* Floors, below the measured figures so that only a real regression fails. */
#define MIN_PRECISION 0.985
#define MIN_RECALL 0.95

typedef struct column_map {
    const char *name;
    int field;
    int multi;
} column_map;

static const column_map account_columns[] = {
    {"account_id", L2A_FIELD_ID, 0},      {"name", L2A_FIELD_COMPANY_NAME, 0}, {"aliases", L2A_FIELD_ALIAS, 1},
    {"website", L2A_FIELD_WEBSITE, 0},    {"domains", L2A_FIELD_DOMAIN, 1},    {"country", L2A_FIELD_COUNTRY, 0},
    {"region", L2A_FIELD_REGION, 0},      {"city", L2A_FIELD_CITY, 0},         {"postal_code", L2A_FIELD_POSTAL_CODE, 0},
};
static const column_map person_columns[] = {
    {"person_id", L2A_FIELD_ID, 0},        {"email", L2A_FIELD_EMAIL, 0},   {"company_name", L2A_FIELD_COMPANY_NAME, 0},
    {"company_website", L2A_FIELD_WEBSITE, 0}, {"country", L2A_FIELD_COUNTRY, 0}, {"region", L2A_FIELD_REGION, 0},
    {"city", L2A_FIELD_CITY, 0},           {"phone", L2A_FIELD_PHONE, 0},   {"account_ids", L2A_FIELD_ACCOUNT_IDS, 1},
};

static void fill_record(l2a_record *rec, const csv_lite *csv, const column_map *cols, size_t n)
{
    size_t i;

    l2a_record_clear(rec);
    for (i = 0; i < n; i++) {
        const char *v = csv_lite_field(csv, csv_lite_column(csv, cols[i].name));
        if (!cols[i].multi) {
            ck_assert_int_eq(l2a_record_set(rec, cols[i].field, v, L2A_NTS), L2A_OK);
            continue;
        }
        while (*v) {
            const char *bar = strchr(v, '|');
            size_t len = bar ? (size_t)(bar - v) : strlen(v);
            ck_assert_int_eq(l2a_record_add(rec, cols[i].field, v, len), L2A_OK);
            v += len + (bar != NULL);
        }
    }
}

static l2a_matcher *load_accounts(void)
{
    l2a_matcher *m;
    l2a_record *rec;
    csv_lite csv;

    ck_assert_int_eq(csv_lite_open(&csv, l2a_test_data_path("l2a/accounts.csv")), 0);
    ck_assert_int_eq(l2a_matcher_new(&m), L2A_OK);
    ck_assert_int_eq(l2a_record_new(&rec), L2A_OK);
    while (csv_lite_next(&csv)) {
        fill_record(rec, &csv, account_columns, sizeof account_columns / sizeof account_columns[0]);
        ck_assert_msg(l2a_matcher_add_account(m, rec) == L2A_OK, "%s", l2a_matcher_errmsg(m));
    }
    csv_lite_close(&csv);
    l2a_record_free(rec);
    ck_assert_int_eq(l2a_matcher_build(m), L2A_OK);
    ck_assert_uint_gt(l2a_matcher_account_count(m), 29000);
    return m;
}

START_TEST(dev_set_precision_and_recall)
{
    l2a_matcher *m = load_accounts();
    l2a_record *rec;
    l2a_result *res;
    csv_lite persons, truth;
    unsigned tp = 0, fp = 0, fn = 0, skipped_ok = 0, anonymous_ok = 0, n = 0;
    double precision, recall;

    ck_assert_int_eq(l2a_record_new(&rec), L2A_OK);
    ck_assert_int_eq(l2a_result_new(&res), L2A_OK);
    ck_assert_int_eq(csv_lite_open(&persons, l2a_test_data_path("l2a/dev/persons.csv")), 0);
    ck_assert_int_eq(csv_lite_open(&truth, l2a_test_data_path("l2a/dev/truth.csv")), 0);
    while (csv_lite_next(&persons)) {
        const char *want, *expect, *got;
        ck_assert(csv_lite_next(&truth));
        ck_assert_str_eq(csv_lite_field(&persons, 0), csv_lite_field(&truth, 0));
        want = csv_lite_field(&truth, csv_lite_column(&truth, "account_id"));
        expect = csv_lite_field(&truth, csv_lite_column(&truth, "expect"));
        fill_record(rec, &persons, person_columns, sizeof person_columns / sizeof person_columns[0]);
        ck_assert_int_eq(l2a_match(m, rec, res), L2A_OK);
        n++;
        if (strcmp(expect, "skipped") == 0) {
            skipped_ok += l2a_result_status(res) == L2A_STATUS_SKIPPED;
            continue;
        }
        if (strcmp(expect, "anonymous") == 0) {
            anonymous_ok += l2a_result_status(res) == L2A_STATUS_ANONYMOUS;
            continue;
        }
        got = l2a_result_status(res) == L2A_STATUS_MATCHED ? l2a_result_account_id(res) : NULL;
        if (got && strcmp(got, want) == 0)
            tp++;
        else if (got)
            fp++;
        if (*want && !(got && strcmp(got, want) == 0))
            fn++;
    }
    csv_lite_close(&persons);
    csv_lite_close(&truth);
    precision = tp + fp ? (double)tp / (tp + fp) : 0.0;
    recall = tp + fn ? (double)tp / (tp + fn) : 0.0;
    printf("dev: %u persons, precision %.4f, recall %.4f (tp %u, fp %u, fn %u); skipped %u, anonymous %u\n", n,
           precision, recall, tp, fp, fn, skipped_ok, anonymous_ok);
    ck_assert_uint_eq(n, 10000);
    ck_assert_uint_eq(skipped_ok, 202);
    ck_assert_uint_eq(anonymous_ok, 187);
    ck_assert_msg(precision >= MIN_PRECISION, "precision %.4f below %.2f", precision, MIN_PRECISION);
    ck_assert_msg(recall >= MIN_RECALL, "recall %.4f below %.2f", recall, MIN_RECALL);
    l2a_result_free(res);
    l2a_record_free(rec);
    l2a_matcher_free(m);
}
END_TEST

Suite *l2a_test_suite(void)
{
    Suite *s = suite_create("dev-accuracy");
    TCase *tc = tcase_create("dev");

    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, dev_set_precision_and_recall);
    suite_add_tcase(s, tc);
    return s;
}
