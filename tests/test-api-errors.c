/* SPDX-License-Identifier: MIT */
/* Bad input and misuse through the public API: a defined status and a message, never a crash. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "l2a.h"
#include "api-helpers.h"
#include "test-common.h"

const int l2a_test_wants_shared_data = 0;

START_TEST(null_handles)
{
    int v;
    double d;

    l2a_matcher_free(NULL);
    l2a_record_free(NULL);
    l2a_result_free(NULL);
    l2a_record_clear(NULL);
    ck_assert_int_eq(l2a_matcher_new(NULL), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_record_new(NULL), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_result_new(NULL), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_record_set(NULL, L2A_FIELD_ID, "x", 1), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_matcher_add_account(NULL, NULL), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_matcher_build(NULL), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_match(NULL, NULL, NULL), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_matcher_set_param(NULL, L2A_PARAM_THRESHOLD, 0.5), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_matcher_get_param(NULL, L2A_PARAM_THRESHOLD, &d), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_matcher_load_model(NULL, "x"), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_matcher_set_model(NULL, "x", 1), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_matcher_add_freemail(NULL, "x.com", 5), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_result_reason(NULL, 0, &v, NULL, NULL), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_str_eq(l2a_matcher_errmsg(NULL), "");
    ck_assert_str_eq(l2a_record_errmsg(NULL), "");
    ck_assert_str_eq(l2a_result_errmsg(NULL), "");
    ck_assert_int_eq(l2a_result_status(NULL), L2A_STATUS_NONE);
    ck_assert_ptr_null(l2a_result_account_id(NULL));
    ck_assert_uint_eq(l2a_record_count(NULL, L2A_FIELD_ID), 0);
    ck_assert_ptr_null(l2a_record_get(NULL, L2A_FIELD_ID, 0, NULL));
    ck_assert_uint_eq(l2a_matcher_account_count(NULL), 0);
}
END_TEST

START_TEST(record_refuses_bad_values_and_stays_unchanged)
{
    l2a_record *rec;
    char *huge;
    size_t len;

    ck_assert_int_eq(l2a_record_new(&rec), L2A_OK);
    ck_assert_int_eq(l2a_record_set(rec, L2A_FIELD_COMPANY_NAME, "Acme", L2A_NTS), L2A_OK);
    ck_assert_int_eq(l2a_record_set(rec, L2A_FIELD_COMPANY_NAME, "Ac\xc3", 3), L2A_ERR_INVALID_UTF8);
    ck_assert(strstr(l2a_record_errmsg(rec), "UTF-8") != NULL);
    ck_assert_str_eq(l2a_record_get(rec, L2A_FIELD_COMPANY_NAME, 0, &len), "Acme");
    ck_assert_int_eq(l2a_record_set(rec, L2A_FIELD_COMPANY_NAME, "Ac\0me", 5), L2A_ERR_INVALID_UTF8);
    ck_assert_str_eq(l2a_record_get(rec, L2A_FIELD_COMPANY_NAME, 0, NULL), "Acme");

    huge = malloc(1 << 20);
    ck_assert_ptr_nonnull(huge);
    memset(huge, 'a', 1 << 20);
    ck_assert_int_eq(l2a_record_set(rec, L2A_FIELD_COMPANY_NAME, huge, 1 << 20), L2A_ERR_TOO_LONG);
    ck_assert_str_eq(l2a_record_get(rec, L2A_FIELD_COMPANY_NAME, 0, NULL), "Acme");
    ck_assert_int_eq(l2a_record_set(rec, L2A_FIELD_COMPANY_NAME, huge, L2A_FIELD_MAX_BYTES), L2A_OK);
    ck_assert_int_eq(l2a_record_get(rec, L2A_FIELD_COMPANY_NAME, 0, &len) != NULL, 1);
    ck_assert_uint_eq(len, L2A_FIELD_MAX_BYTES);
    free(huge);

    ck_assert_int_eq(l2a_record_set(rec, 0, "x", 1), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_record_set(rec, L2A_FIELD_END, "x", 1), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_record_set(rec, L2A_FIELD_EMAIL, NULL, 3), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_record_add(rec, L2A_FIELD_EMAIL, "a@b.c", L2A_NTS), L2A_ERR_SINGLE_VALUED);
    ck_assert_int_eq(l2a_record_set(rec, L2A_FIELD_COMPANY_NAME, "", 0), L2A_OK);
    ck_assert_uint_eq(l2a_record_count(rec, L2A_FIELD_COMPANY_NAME), 0);
    ck_assert_int_eq(l2a_record_add(rec, L2A_FIELD_DOMAIN, "a.com", L2A_NTS), L2A_OK);
    ck_assert_int_eq(l2a_record_add(rec, L2A_FIELD_DOMAIN, "", 0), L2A_OK);
    ck_assert_int_eq(l2a_record_add(rec, L2A_FIELD_DOMAIN, "b.com", L2A_NTS), L2A_OK);
    ck_assert_uint_eq(l2a_record_count(rec, L2A_FIELD_DOMAIN), 2);
    ck_assert_str_eq(l2a_record_get(rec, L2A_FIELD_DOMAIN, 1, NULL), "b.com");
    ck_assert_ptr_null(l2a_record_get(rec, L2A_FIELD_DOMAIN, 2, NULL));
    l2a_record_clear(rec);
    ck_assert_uint_eq(l2a_record_count(rec, L2A_FIELD_DOMAIN), 0);
    l2a_record_free(rec);
}
END_TEST

START_TEST(lifecycle_misuse)
{
    l2a_matcher *m;
    l2a_record *rec;
    l2a_result *res;
    test_row acct = {.id = "A1", .name = "Acme", .domains = "acme.com"};

    ck_assert_int_eq(l2a_matcher_new(&m), L2A_OK);
    ck_assert_int_eq(l2a_record_new(&rec), L2A_OK);
    ck_assert_int_eq(l2a_result_new(&res), L2A_OK);

    /* Match before build. */
    test_fill(rec, &(test_row){.id = "P1", .email = "a@acme.com"});
    ck_assert_int_eq(l2a_match(m, rec, res), L2A_ERR_NOT_BUILT);
    ck_assert_int_eq(l2a_result_status(res), L2A_STATUS_REJECTED);
    ck_assert(strlen(l2a_result_errmsg(res)) > 0);

    /* An account needs an id, once. */
    test_fill(rec, &(test_row){.name = "No Id Inc"});
    ck_assert_int_eq(l2a_matcher_add_account(m, rec), L2A_ERR_MISSING_ID);
    test_fill(rec, &acct);
    ck_assert_int_eq(l2a_matcher_add_account(m, rec), L2A_OK);
    test_fill(rec, &(test_row){.id = "A1", .name = "Other"});
    ck_assert_int_eq(l2a_matcher_add_account(m, rec), L2A_ERR_DUPLICATE_ID);
    ck_assert(strstr(l2a_matcher_errmsg(m), "duplicate") != NULL);
    ck_assert_uint_eq(l2a_matcher_account_count(m), 1);

    /* Churn calls need a built matcher. */
    ck_assert_int_eq(l2a_matcher_remove_account(m, "A1", L2A_NTS), L2A_ERR_NOT_BUILT);
    ck_assert_int_eq(l2a_matcher_compact(m), L2A_ERR_NOT_BUILT);
    ck_assert_int_eq(l2a_matcher_remove_account(NULL, "A1", L2A_NTS), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_matcher_compact(NULL), L2A_ERR_INVALID_ARGUMENT);

    ck_assert_int_eq(l2a_matcher_build(m), L2A_OK);
    /* Building again with nothing pending is a no-op. */
    ck_assert_int_eq(l2a_matcher_build(m), L2A_OK);
    /* After the build, accounts are staged changes (applied by the next build). */
    test_fill(rec, &(test_row){.id = "A2", .name = "Late"});
    ck_assert_int_eq(l2a_matcher_add_account(m, rec), L2A_OK);
    test_fill(rec, &(test_row){.name = "No Id Inc"});
    ck_assert_int_eq(l2a_matcher_add_account(m, rec), L2A_ERR_MISSING_ID);
    ck_assert_int_eq(l2a_matcher_remove_account(m, NULL, 0), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_matcher_remove_account(m, "nope", L2A_NTS), L2A_ERR_NOT_FOUND);
    ck_assert(strlen(l2a_matcher_errmsg(m)) > 0);
    ck_assert_int_eq(l2a_matcher_remove_account(m, "A2", L2A_NTS), L2A_OK);
    ck_assert_int_eq(l2a_matcher_remove_account(m, "A2", L2A_NTS), L2A_ERR_NOT_FOUND);
    ck_assert_int_eq(l2a_matcher_build(m), L2A_OK);
    ck_assert_uint_eq(l2a_matcher_account_count(m), 1);
    ck_assert_int_eq(l2a_matcher_add_freemail(m, "acme.com", L2A_NTS), L2A_ERR_ALREADY_BUILT);
    ck_assert_int_eq(l2a_matcher_set_model(m, "l2a-model 1\nend\n", L2A_NTS), L2A_ERR_ALREADY_BUILT);

    /* The matcher still works after the refusals. */
    test_fill(rec, &(test_row){.id = "P1", .email = "a@acme.com"});
    ck_assert_int_eq(l2a_match(m, rec, res), L2A_OK);
    ck_assert_int_eq(l2a_result_status(res), L2A_STATUS_MATCHED);
    ck_assert_str_eq(l2a_result_account_id(res), "A1");
    ck_assert_str_eq(l2a_result_errmsg(res), "");

    /* A person with every field empty is anonymous, not an error. */
    l2a_record_clear(rec);
    ck_assert_int_eq(l2a_match(m, rec, res), L2A_OK);
    ck_assert_int_eq(l2a_result_status(res), L2A_STATUS_ANONYMOUS);
    ck_assert_int_eq(l2a_result_person_class(res), L2A_CLASS_ANONYMOUS);

    /* Garbage in the fields the matcher reads is a status, not a failure. */
    test_fill(rec, &(test_row){.id = "P2", .email = "@@@", .website = "http://", .name = "!!!"});
    ck_assert_int_eq(l2a_match(m, rec, res), L2A_OK);
    ck_assert_int_eq(l2a_result_person_class(res), L2A_CLASS_KNOWN);
    ck_assert(l2a_result_status(res) == L2A_STATUS_NO_CANDIDATE || l2a_result_status(res) == L2A_STATUS_BELOW_THRESHOLD);
    ck_assert_int_eq(l2a_match(m, rec, NULL), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_match(m, NULL, res), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_result_status(res), L2A_STATUS_REJECTED);

    l2a_result_free(res);
    l2a_record_free(rec);
    l2a_matcher_free(m);
}
END_TEST

START_TEST(empty_matcher_builds_and_finds_nothing)
{
    l2a_matcher *m;
    l2a_record *rec;
    l2a_result *res;

    ck_assert_int_eq(l2a_matcher_new(&m), L2A_OK);
    ck_assert_int_eq(l2a_matcher_build(m), L2A_OK);
    ck_assert_int_eq(l2a_record_new(&rec), L2A_OK);
    ck_assert_int_eq(l2a_result_new(&res), L2A_OK);
    test_fill(rec, &(test_row){.id = "P", .email = "a@acme.com", .name = "Acme"});
    ck_assert_int_eq(l2a_match(m, rec, res), L2A_OK);
    ck_assert_int_eq(l2a_result_status(res), L2A_STATUS_NO_CANDIDATE);
    l2a_result_free(res);
    l2a_record_free(rec);
    l2a_matcher_free(m);
}
END_TEST

START_TEST(parameters_and_models)
{
    l2a_matcher *m;
    double lo, hi, v;
    char path[] = "/tmp/l2a-model-XXXXXX";
    FILE *f;
    int fd;

    ck_assert_int_eq(l2a_matcher_new(&m), L2A_OK);
    ck_assert_int_eq(l2a_param_bounds(L2A_PARAM_THRESHOLD, &lo, &hi), L2A_OK);
    ck_assert_double_eq(lo, 0.0);
    ck_assert_double_eq(hi, 1.0);
    ck_assert_int_eq(l2a_param_bounds(99, &lo, &hi), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_matcher_set_param(m, L2A_PARAM_THRESHOLD, 1.5), L2A_ERR_INVALID_ARGUMENT);
    ck_assert(strlen(l2a_matcher_errmsg(m)) > 0);
    ck_assert_int_eq(l2a_matcher_set_param(m, L2A_PARAM_THRESHOLD, 0.0 / 0.0), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_matcher_set_param(m, L2A_PARAM_MAX_CANDIDATES, 2.5), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_matcher_set_param(m, L2A_PARAM_MAX_CANDIDATES, 0), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_matcher_set_param(m, L2A_PARAM_MAX_CANDIDATES, 8), L2A_OK);
    ck_assert_int_eq(l2a_matcher_get_param(m, L2A_PARAM_MAX_CANDIDATES, &v), L2A_OK);
    ck_assert_double_eq(v, 8);
    ck_assert_int_eq(l2a_matcher_get_param(m, L2A_PARAM_NAME_SEARCH, &v), L2A_OK);
    ck_assert_double_eq(v, L2A_NAME_SEARCH_UNEXPLAINED);
    ck_assert_int_eq(l2a_param_bounds(L2A_PARAM_NAME_SEARCH, &lo, &hi), L2A_OK);
    ck_assert_double_eq(lo, L2A_NAME_SEARCH_UNEXPLAINED);
    ck_assert_double_eq(hi, L2A_NAME_SEARCH_ALWAYS);
    ck_assert_int_eq(l2a_matcher_set_param(m, L2A_PARAM_NAME_SEARCH, 0.5), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_matcher_set_param(m, L2A_PARAM_NAME_SEARCH, 2), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_matcher_set_param(m, L2A_PARAM_NAME_SEARCH, L2A_NAME_SEARCH_ALWAYS), L2A_OK);
    ck_assert_int_eq(l2a_matcher_get_param(m, L2A_PARAM_NAME_SEARCH, &v), L2A_OK);
    ck_assert_double_eq(v, L2A_NAME_SEARCH_ALWAYS);
    ck_assert_int_eq(l2a_matcher_get_param(m, 42, &v), L2A_ERR_INVALID_ARGUMENT);

    ck_assert_int_eq(l2a_matcher_set_model(m, "not a model", L2A_NTS), L2A_ERR_MODEL_FORMAT);
    ck_assert(strstr(l2a_matcher_errmsg(m), "line") != NULL);
    ck_assert_int_eq(l2a_matcher_load_model(m, "/nonexistent/dir/model"), L2A_ERR_IO);
    ck_assert(strstr(l2a_matcher_errmsg(m), "/nonexistent/dir/model") != NULL);

    fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    f = fdopen(fd, "w");
    fputs("l2a-model 1\nversion custom-3\nthreshold 0.75\nbias 1\nend\n", f);
    fclose(f);
    ck_assert_int_eq(l2a_matcher_load_model(m, path), L2A_OK);
    remove(path);
    ck_assert_str_eq(l2a_matcher_model_version(m), "custom-3");
    ck_assert_int_eq(l2a_matcher_get_param(m, L2A_PARAM_THRESHOLD, &v), L2A_OK);
    ck_assert_double_eq(v, 0.75);

    ck_assert_int_eq(l2a_matcher_add_freemail(m, "", 0), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_matcher_add_freemail(m, "corp-mail.example", L2A_NTS), L2A_OK);
    l2a_matcher_free(m);
}
END_TEST

START_TEST(added_freemail_domain_is_no_signal)
{
    l2a_matcher *m;
    l2a_record *rec;
    l2a_result *res;

    ck_assert_int_eq(l2a_matcher_new(&m), L2A_OK);
    ck_assert_int_eq(l2a_matcher_add_freemail(m, "mailbox.example", L2A_NTS), L2A_OK);
    ck_assert_int_eq(l2a_record_new(&rec), L2A_OK);
    test_fill(rec, &(test_row){.id = "A1", .name = "Mailbox Company", .domains = "mailbox.example"});
    ck_assert_int_eq(l2a_matcher_add_account(m, rec), L2A_OK);
    ck_assert_int_eq(l2a_matcher_build(m), L2A_OK);
    ck_assert_int_eq(l2a_result_new(&res), L2A_OK);
    test_fill(rec, &(test_row){.id = "P1", .email = "someone@mailbox.example"});
    ck_assert_int_eq(l2a_match(m, rec, res), L2A_OK);
    ck_assert_int_eq(l2a_result_status(res), L2A_STATUS_NO_CANDIDATE);
    l2a_result_free(res);
    l2a_record_free(rec);
    l2a_matcher_free(m);
}
END_TEST

START_TEST(names_of_enums)
{
    int i;

    for (i = 0; i <= L2A_ERR_SNAPSHOT_FORMAT; i++)
        ck_assert(strlen(l2a_strerror(i)) > 0);
    ck_assert_str_eq(l2a_strerror(-1), "unknown error");
    ck_assert_str_eq(l2a_strerror(1000), "unknown error");
    ck_assert_str_eq(l2a_status_name(L2A_STATUS_BELOW_THRESHOLD), "below_threshold");
    ck_assert_str_eq(l2a_status_name(L2A_STATUS_NO_CANDIDATE), "no_candidate");
    ck_assert_str_eq(l2a_status_name(L2A_STATUS_REJECTED), "rejected");
    ck_assert_ptr_null(l2a_status_name(8));
    ck_assert_str_eq(l2a_person_class_name(L2A_CLASS_ANONYMOUS), "anonymous");
    ck_assert_str_eq(l2a_method_name(L2A_METHOD_WEBSITE), "website");
    ck_assert_str_eq(l2a_field_name(L2A_FIELD_ACCOUNT_IDS), "account_ids");
    ck_assert_ptr_null(l2a_field_name(0));
    for (i = 0; i < L2A_FEATURE_COUNT; i++)
        ck_assert_ptr_nonnull(l2a_feature_name(i));
    ck_assert_ptr_null(l2a_feature_name(L2A_FEATURE_COUNT));
}
END_TEST

Suite *l2a_test_suite(void)
{
    Suite *s = suite_create("api-errors");
    TCase *tc = tcase_create("errors");

    tcase_add_test(tc, null_handles);
    tcase_add_test(tc, record_refuses_bad_values_and_stays_unchanged);
    tcase_add_test(tc, lifecycle_misuse);
    tcase_add_test(tc, empty_matcher_builds_and_finds_nothing);
    tcase_add_test(tc, parameters_and_models);
    tcase_add_test(tc, added_freemail_domain_is_no_signal);
    tcase_add_test(tc, names_of_enums);
    suite_add_tcase(s, tc);
    return s;
}
