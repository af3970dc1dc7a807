/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <string.h>

#include "domain.h"
#include "l2a.h"
#include "pair-features.h"
#include "test-common.h"

const int l2a_test_wants_shared_data = 0;

static l2a_str S(const char *s)
{
    l2a_str v = {s, s ? strlen(s) : 0};
    return v;
}

START_TEST(edit_similarity)
{
    ck_assert_double_eq(l2a_name_edit_similarity(S("acme"), S("acme")), 1.0);
    ck_assert_double_eq_tol(l2a_name_edit_similarity(S("acme"), S("acne")), 0.75, 1e-12);
    ck_assert_double_eq_tol(l2a_name_edit_similarity(S("kitten"), S("sitting")), 1.0 - 3.0 / 7.0, 1e-12);
    ck_assert_double_eq(l2a_name_edit_similarity(S("abc"), S("xyz")), 0.0);
    ck_assert_double_eq(l2a_name_edit_similarity(S(""), S("")), 0.0);
    ck_assert_double_eq(l2a_name_edit_similarity(S(""), S("abc")), 0.0);
}
END_TEST

START_TEST(token_overlap_without_index)
{
    /* Without an index every token weighs 1: a plain Jaccard over token sets. */
    ck_assert_double_eq_tol(l2a_name_token_overlap(NULL, S("acme widgets"), S("acme widgets")), 1.0, 1e-12);
    ck_assert_double_eq_tol(l2a_name_token_overlap(NULL, S("acme widgets"), S("acme tools")), 1.0 / 3.0, 1e-12);
    ck_assert_double_eq_tol(l2a_name_token_overlap(NULL, S("acme acme"), S("acme")), 1.0, 1e-12);
    ck_assert_double_eq(l2a_name_token_overlap(NULL, S(""), S("acme")), 0.0);
}
END_TEST

START_TEST(acronyms)
{
    ck_assert(l2a_name_is_acronym(S("ibm"), S("international business machines")));
    ck_assert(l2a_name_is_acronym(S("mit"), S("massachusetts institute of technology")));
    ck_assert(l2a_name_is_acronym(S("miot"), S("massachusetts institute of technology")));
    ck_assert(!l2a_name_is_acronym(S("ibm"), S("intel business")));
    ck_assert(!l2a_name_is_acronym(S("i"), S("intel")));
    ck_assert(!l2a_name_is_acronym(S("ib m"), S("international business machines")));
}
END_TEST

static l2a_person_view person(void)
{
    l2a_person_view p;

    memset(&p, 0, sizeof p);
    return p;
}

START_TEST(domain_features)
{
    l2a_str doms[] = {S("acme.com"), S("acme.co.uk")};
    l2a_account_view a = {.name = S("acme"), .domains = doms, .n_domains = 2, .country = "US"};
    l2a_person_view p = person();
    double f[L2A_FEATURE_COUNT];

    p.email_host = S("emea.acme.co.uk");
    p.email_domain = S("acme.co.uk");
    p.email_kind = L2A_DOMAIN_ORDINARY;
    p.email_domain_accounts = 4;
    l2a_features_compute(NULL, &p, &a, f);
    ck_assert_double_eq(f[L2A_FEATURE_EMAIL_DOMAIN], 1.0);
    ck_assert_double_eq(f[L2A_FEATURE_EMAIL_SUBDOMAIN], 1.0);
    ck_assert_double_eq(f[L2A_FEATURE_DOMAIN_SHARED], 2.0);
    ck_assert_double_eq(f[L2A_FEATURE_DOMAIN_CONFLICT], 0.0);
    ck_assert_double_eq(f[L2A_FEATURE_NAME_MISSING], 1.0);

    /* A corporate domain that is not the account's is a conflict. */
    p.email_host = p.email_domain = S("globex.com");
    l2a_features_compute(NULL, &p, &a, f);
    ck_assert_double_eq(f[L2A_FEATURE_EMAIL_DOMAIN], 0.0);
    ck_assert_double_eq(f[L2A_FEATURE_DOMAIN_CONFLICT], 1.0);

    /* A free-mail domain is never a signal, even if an account listed it. */
    p.email_host = p.email_domain = S("acme.com");
    p.email_kind = L2A_DOMAIN_FREEMAIL;
    l2a_features_compute(NULL, &p, &a, f);
    ck_assert_double_eq(f[L2A_FEATURE_EMAIL_DOMAIN], 0.0);
    ck_assert_double_eq(f[L2A_FEATURE_FREEMAIL], 1.0);
    ck_assert_double_eq(f[L2A_FEATURE_DOMAIN_CONFLICT], 0.0);

    p.website_domain = S("acme.com");
    p.website_kind = L2A_DOMAIN_ORDINARY;
    p.website_domain_accounts = 1;
    l2a_features_compute(NULL, &p, &a, f);
    ck_assert_double_eq(f[L2A_FEATURE_WEBSITE_DOMAIN], 1.0);
    ck_assert_double_eq(f[L2A_FEATURE_DOMAIN_SHARED], 0.0);
}
END_TEST

START_TEST(name_and_location_features)
{
    l2a_str aliases[] = {S("big blue")};
    l2a_account_view a = {.name = S("international business machines"), .aliases = aliases, .n_aliases = 1,
                          .country = "US", .city = S("armonk")};
    l2a_person_view p = person();
    double f[L2A_FEATURE_COUNT];

    p.name = S("ibm");
    p.country = "US";
    p.city = S("armonk");
    l2a_features_compute(NULL, &p, &a, f);
    ck_assert_double_eq(f[L2A_FEATURE_NAME_ACRONYM], 1.0);
    ck_assert_double_eq(f[L2A_FEATURE_NAME_EXACT], 0.0);
    ck_assert_double_eq(f[L2A_FEATURE_COUNTRY_MATCH], 1.0);
    ck_assert_double_eq(f[L2A_FEATURE_COUNTRY_MISMATCH], 0.0);
    ck_assert_double_eq(f[L2A_FEATURE_CITY_MATCH], 1.0);
    ck_assert_double_eq(f[L2A_FEATURE_NAME_MISSING], 0.0);

    p.name = S("big blue");
    p.country = "GB";
    l2a_features_compute(NULL, &p, &a, f);
    ck_assert_double_eq(f[L2A_FEATURE_ALIAS_EXACT], 1.0);
    ck_assert_double_eq(f[L2A_FEATURE_NAME_TRIGRAM], 1.0);
    ck_assert_double_eq(f[L2A_FEATURE_NAME_EDIT], 1.0);
    ck_assert_double_eq(f[L2A_FEATURE_COUNTRY_MISMATCH], 1.0);

    p.name = S("international business machines");
    p.country = NULL;
    l2a_features_compute(NULL, &p, &a, f);
    ck_assert_double_eq(f[L2A_FEATURE_NAME_EXACT], 1.0);
    ck_assert_double_eq(f[L2A_FEATURE_COUNTRY_MATCH], 0.0);
    ck_assert_double_eq(f[L2A_FEATURE_COUNTRY_MISMATCH], 0.0);
    ck_assert_double_eq(f[L2A_FEATURE_NAME_TOKEN], 1.0);
}
END_TEST

START_TEST(domain_label_against_name)
{
    l2a_account_view a = {.name = S("osprey medical")};
    l2a_person_view p = person();
    double f[L2A_FEATURE_COUNT];

    p.email_host = p.email_domain = S("ospreymed.com");
    p.email_kind = L2A_DOMAIN_ORDINARY;
    l2a_features_compute(NULL, &p, &a, f);
    ck_assert(f[L2A_FEATURE_DOMAIN_NAME] > 0.4 && f[L2A_FEATURE_DOMAIN_NAME] <= 1.0);
    p.email_host = p.email_domain = S("zzzqqq.com");
    l2a_features_compute(NULL, &p, &a, f);
    ck_assert_double_eq(f[L2A_FEATURE_DOMAIN_NAME], 0.0);
}
END_TEST

START_TEST(token_similarity)
{
    ck_assert_double_eq(l2a_token_similarity(S("acme"), S("acme")), 1.0);
    /* An adjacent transposition is one edit. */
    ck_assert_double_eq_tol(l2a_token_similarity(S("vaule"), S("value")), 0.8, 1e-12);
    ck_assert_double_eq_tol(l2a_token_similarity(S("limtied"), S("limited")), 1.0 - 1.0 / 7.0, 1e-12);
    ck_assert_double_eq_tol(l2a_token_similarity(S("corpration"), S("corporation")), 1.0 - 1.0 / 11.0, 1e-12);
    /* Two edits in a short word are another word. */
    ck_assert_double_eq(l2a_token_similarity(S("essex"), S("sussex")), 0.0);
    /* Short tokens and tokens with digits must be equal. */
    ck_assert_double_eq(l2a_token_similarity(S("abc"), S("abd")), 0.0);
    ck_assert_double_eq(l2a_token_similarity(S("area51"), S("area52")), 0.0);
    ck_assert_double_eq(l2a_token_similarity(S(""), S("")), 0.0);
}
END_TEST

START_TEST(name_coverage)
{
    /* Without an index every token weighs 1. */
    ck_assert_double_eq_tol(l2a_name_coverage(NULL, S("acme marketing"), S("acme")), 0.5, 1e-12);
    ck_assert_double_eq_tol(l2a_name_coverage(NULL, S("acme"), S("acme marketing")), 1.0, 1e-12);
    ck_assert_double_eq_tol(l2a_name_coverage(NULL, S("vaule group"), S("value group")), 0.9, 1e-12);
    ck_assert_double_eq_tol(l2a_name_coverage(NULL, S("acme acme"), S("acme")), 1.0, 1e-12);
    ck_assert_double_eq(l2a_name_coverage(NULL, S("globex"), S("acme")), 0.0);
    ck_assert_double_eq(l2a_name_coverage(NULL, S(""), S("acme")), 0.0);
}
END_TEST

START_TEST(coverage_and_head_features)
{
    l2a_account_view a = {.name = S("acme widgets")};
    l2a_person_view p = person();
    double f[L2A_FEATURE_COUNT];

    p.name = S("acme widgets marketing");
    l2a_features_compute(NULL, &p, &a, f);
    ck_assert_double_eq(f[L2A_FEATURE_NAME_EXACT], 0.0);
    ck_assert_double_eq(f[L2A_FEATURE_NAME_HEAD], 0.0);
    ck_assert_double_eq_tol(f[L2A_FEATURE_NAME_ACCOUNT_COVERAGE], 1.0, 1e-12);
    ck_assert_double_eq_tol(f[L2A_FEATURE_NAME_PERSON_COVERAGE], 2.0 / 3.0, 1e-12);

    /* "Acme Widgets - Marketing": the head before the separator is the account's name. */
    p.name_head = S("acme widgets");
    l2a_features_compute(NULL, &p, &a, f);
    ck_assert_double_eq(f[L2A_FEATURE_NAME_HEAD], 1.0);
    ck_assert_double_eq(f[L2A_FEATURE_NAME_EXACT], 1.0);
    ck_assert_double_eq(f[L2A_FEATURE_NAME_TRIGRAM], 1.0);
    ck_assert_double_eq_tol(f[L2A_FEATURE_NAME_PERSON_COVERAGE], 1.0, 1e-12);

    /* A head that matches no better than the whole name changes nothing. */
    a.name = S("acme widgets marketing");
    l2a_features_compute(NULL, &p, &a, f);
    ck_assert_double_eq(f[L2A_FEATURE_NAME_HEAD], 0.0);
    ck_assert_double_eq(f[L2A_FEATURE_NAME_EXACT], 1.0);

    /* A typo in the distinctive word still covers it. */
    p = person();
    p.name = S("vaule");
    a.name = S("value group");
    l2a_features_compute(NULL, &p, &a, f);
    ck_assert_double_eq_tol(f[L2A_FEATURE_NAME_PERSON_COVERAGE], 0.8, 1e-12);
    ck_assert_double_eq_tol(f[L2A_FEATURE_NAME_ACCOUNT_COVERAGE], 0.4, 1e-12);
    ck_assert_double_eq(f[L2A_FEATURE_NAME_TOKEN], 0.0);

    /* No name, no name evidence. */
    p = person();
    l2a_features_compute(NULL, &p, &a, f);
    ck_assert_double_eq(f[L2A_FEATURE_NAME_PERSON_COVERAGE], 0.0);
    ck_assert_double_eq(f[L2A_FEATURE_NAME_ACCOUNT_COVERAGE], 0.0);
    ck_assert_double_eq(f[L2A_FEATURE_NAME_HEAD], 0.0);
}
END_TEST

Suite *l2a_test_suite(void)
{
    Suite *s = suite_create("pair-features");
    TCase *tc = tcase_create("features");

    tcase_add_test(tc, edit_similarity);
    tcase_add_test(tc, token_overlap_without_index);
    tcase_add_test(tc, acronyms);
    tcase_add_test(tc, domain_features);
    tcase_add_test(tc, name_and_location_features);
    tcase_add_test(tc, domain_label_against_name);
    tcase_add_test(tc, token_similarity);
    tcase_add_test(tc, name_coverage);
    tcase_add_test(tc, coverage_and_head_features);
    suite_add_tcase(s, tc);
    return s;
}
