/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <string.h>

#include "errors.h"
#include "scorer.h"
#include "test-common.h"

const int l2a_test_wants_shared_data = 0;

static const char sample[] =
    "# a comment\n"
    "l2a-model 1\n"
    "version test-7\n"
    "threshold 0.8\n"
    "bias -2.5\n"
    "weight email_domain 4\n"
    "weight name_trigram 3.25\n"
    "\n"
    "calibration platt 0.5 0.25\n"
    "end\n";

START_TEST(parses_a_model)
{
    l2a_model m;
    char err[L2A_ERRMSG_SIZE] = "";

    ck_assert_int_eq(l2a_model_parse(sample, strlen(sample), &m, err), L2A_OK);
    ck_assert_str_eq(m.version, "test-7");
    ck_assert_double_eq(m.threshold, 0.8);
    ck_assert_double_eq(m.bias, -2.5);
    ck_assert_double_eq(m.weights[L2A_FEATURE_EMAIL_DOMAIN], 4.0);
    ck_assert_double_eq(m.weights[L2A_FEATURE_NAME_TRIGRAM], 3.25);
    ck_assert_double_eq(m.weights[L2A_FEATURE_CITY_MATCH], 0.0);
    ck_assert_double_eq(m.platt_a, 0.5);
    ck_assert_double_eq(m.platt_b, 0.25);
}
END_TEST

START_TEST(logit_and_contributions)
{
    l2a_model m;
    char err[L2A_ERRMSG_SIZE];
    double x[L2A_FEATURE_COUNT] = {0}, c[L2A_FEATURE_COUNT];
    double z, p;

    ck_assert_int_eq(l2a_model_parse(sample, strlen(sample), &m, err), L2A_OK);
    x[L2A_FEATURE_EMAIL_DOMAIN] = 1.0;
    x[L2A_FEATURE_NAME_TRIGRAM] = 0.5;
    z = l2a_model_logit(&m, x, c);
    ck_assert_double_eq_tol(z, -2.5 + 4.0 + 1.625, 1e-12);
    ck_assert_double_eq_tol(c[L2A_FEATURE_EMAIL_DOMAIN], 4.0, 1e-12);
    ck_assert_double_eq_tol(c[L2A_FEATURE_NAME_TRIGRAM], 1.625, 1e-12);
    p = l2a_model_probability(&m, z);
    ck_assert_double_eq_tol(p, 1.0 / (1.0 + exp(-(0.5 * z + 0.25))), 1e-12);
    /* Extreme log-odds must not overflow. */
    ck_assert_double_eq_tol(l2a_model_probability(&m, 1e6), 1.0, 1e-12);
    ck_assert_double_eq_tol(l2a_model_probability(&m, -1e6), 0.0, 1e-12);
}
END_TEST

START_TEST(round_trips_through_text)
{
    l2a_model m, again;
    l2a_buf text = L2A_BUF_INIT;
    char err[L2A_ERRMSG_SIZE];
    int f;

    ck_assert_int_eq(l2a_model_parse(sample, strlen(sample), &m, err), L2A_OK);
    m.weights[L2A_FEATURE_DOMAIN_SHARED] = -0.1234567890123456789;
    ck_assert_int_eq(l2a_model_write(&m, &text), L2A_OK);
    ck_assert_int_eq(l2a_model_parse(text.data, text.len, &again, err), L2A_OK);
    ck_assert_str_eq(again.version, m.version);
    ck_assert_double_eq(again.bias, m.bias);
    for (f = 0; f < L2A_FEATURE_COUNT; f++)
        ck_assert_double_eq(again.weights[f], m.weights[f]);
    ck_assert_double_eq(again.platt_a, m.platt_a);
    l2a_buf_free(&text);
}
END_TEST

START_TEST(rejects_malformed_models)
{
    static const char *const bad[] = {
        "",
        "l2a-model 2\nend\n",
        "l2a-model 1\nweight no_such_feature 1\nend\n",
        "l2a-model 1\nbias abc\nend\n",
        "l2a-model 1\nbias 1e999\nend\n",
        "l2a-model 1\nthreshold 1.5\nend\n",
        "l2a-model 1\nbias 1\n",
        "l2a-model 1\ncalibration platt 1\nend\n",
        "l2a-model 1\nversion two words\nend\n",
        "l2a-model 1\nfrobnicate 3\nend\n",
    };
    l2a_model m;
    char err[L2A_ERRMSG_SIZE];
    size_t i;

    l2a_model_init(&m);
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err[0] = '\0';
        ck_assert_int_eq(l2a_model_parse(bad[i], strlen(bad[i]), &m, err), L2A_ERR_MODEL_FORMAT);
        ck_assert(strlen(err) > 0);
    }
    ck_assert_str_eq(m.version, "unnamed"); /* untouched by failures */
}
END_TEST

START_TEST(default_model_is_valid)
{
    l2a_model m;
    char err[L2A_ERRMSG_SIZE];

    ck_assert_int_eq(l2a_model_parse(l2a_default_model_text, l2a_default_model_size, &m, err), L2A_OK);
    ck_assert(m.weights[L2A_FEATURE_EMAIL_DOMAIN] > 0);
    ck_assert(m.threshold > 0 && m.threshold < 1);
}
END_TEST

Suite *l2a_test_suite(void)
{
    Suite *s = suite_create("scorer");
    TCase *tc = tcase_create("model");

    tcase_add_test(tc, parses_a_model);
    tcase_add_test(tc, logit_and_contributions);
    tcase_add_test(tc, round_trips_through_text);
    tcase_add_test(tc, rejects_malformed_models);
    tcase_add_test(tc, default_model_is_valid);
    suite_add_tcase(s, tc);
    return s;
}
