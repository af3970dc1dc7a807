/* SPDX-License-Identifier: MIT */
/* End-to-end behaviour through the public API only. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "l2a.h"
#include "api-helpers.h"
#include "test-common.h"

const int l2a_test_wants_shared_data = 0;

static const test_row accounts[] = {
    {.id = "A1", .name = "Acme Corporation", .website = "https://www.acme.com/", .domains = "acme.com|acme.co.uk", .country = "United States", .city = "Springfield"},
    {.id = "A2", .name = "Globex GmbH", .domains = "globex.de", .country = "Germany", .city = "Berlin"},
    {.id = "A3", .name = "Initech Ltd", .website = "initech.co.uk", .country = "GB"},
    {.id = "A4", .name = "International Business Machines Corporation", .domains = "ibm.com", .country = "US", .aliases = "Big Blue"},
    {.id = "A5", .name = "Umbrella Holdings Inc", .domains = "umbrella.com", .country = "US"},
    {.id = "A6", .name = "Umbrella Pharmaceuticals Inc", .domains = "umbrella.com", .country = "US"},
    {.id = "A7", .name = "Soylent Foods", .domains = "gmail.com|soylent.example.org", .country = "CA"},
    {.id = "A8", .name = "Université de Cergy-Pontoise", .domains = "u-cergy.fr", .country = "France"},
    {.id = "A9", .name = "Hooli Inc.", .domains = "hooli.com", .country = "US"},
    {.id = "A10", .name = "Vandelay Industries", .domains = "vandelay.com", .country = "US"},
};
#define N_ACCOUNTS (sizeof accounts / sizeof accounts[0])

typedef struct expectation {
    test_row person;
    int person_class;
    int status;
    const char *account; /* NULL: none expected */
    int method;
} expectation;

static const expectation cases[] = {
    {{.id = "P1", .email = "jane@acme.com"}, L2A_CLASS_KNOWN, L2A_STATUS_MATCHED, "A1", L2A_METHOD_DOMAIN},
    {{.id = "P2", .email = "bob@emea.acme.co.uk"}, L2A_CLASS_KNOWN, L2A_STATUS_MATCHED, "A1", L2A_METHOD_DOMAIN},
    {{.id = "P3", .website = "HTTPS://WWW.GLOBEX.DE/about"}, L2A_CLASS_KNOWN, L2A_STATUS_MATCHED, "A2", L2A_METHOD_WEBSITE},
    {{.id = "P4", .website = "initech.co.uk:443/"}, L2A_CLASS_KNOWN, L2A_STATUS_MATCHED, "A3", L2A_METHOD_WEBSITE},
    {{.id = "P5", .name = "Globex", .country = "DE"}, L2A_CLASS_KNOWN, L2A_STATUS_MATCHED, "A2", L2A_METHOD_NAME},
    {{.id = "P6", .email = "someone@gmail.com"}, L2A_CLASS_KNOWN, L2A_STATUS_NO_CANDIDATE, NULL, L2A_METHOD_NONE},
    {{.id = "P7", .email = "x@acme.com", .account_ids = "A1"}, L2A_CLASS_ACCOUNT, L2A_STATUS_SKIPPED, NULL, L2A_METHOD_NONE},
    {{.id = "P8", .country = "US", .city = "Boston"}, L2A_CLASS_ANONYMOUS, L2A_STATUS_ANONYMOUS, NULL, L2A_METHOD_NONE},
    {{.id = "P9", .name = "Universite de Cergy Pontoise"}, L2A_CLASS_KNOWN, L2A_STATUS_MATCHED, "A8", L2A_METHOD_NAME},
    {{.id = "P10", .email = "ann@hooli.com", .name = "Hooli"}, L2A_CLASS_KNOWN, L2A_STATUS_MATCHED, "A9", L2A_METHOD_DOMAIN},
    {{.id = "P11", .email = "  "}, L2A_CLASS_ANONYMOUS, L2A_STATUS_ANONYMOUS, NULL, L2A_METHOD_NONE},
};

static int match_one(l2a_matcher *m, const test_row *person, l2a_result *res);

static void check_case(l2a_matcher *m, l2a_record *rec, l2a_result *res, const expectation *e)
{
    test_fill(rec, &e->person);
    ck_assert_int_eq(l2a_match(m, rec, res), L2A_OK);
    ck_assert_msg(l2a_result_person_class(res) == e->person_class, "%s: class %s", e->person.id,
                  l2a_person_class_name(l2a_result_person_class(res)));
    ck_assert_msg(l2a_result_status(res) == e->status, "%s: status %s, best %s %.3f", e->person.id,
                  l2a_status_name(l2a_result_status(res)), l2a_result_account_id(res) ? l2a_result_account_id(res) : "-",
                  l2a_result_score(res));
    if (e->account)
        ck_assert_str_eq(l2a_result_account_id(res), e->account);
    if (e->status == L2A_STATUS_MATCHED) {
        ck_assert_int_eq(l2a_result_method(res), e->method);
        ck_assert(l2a_result_score(res) >= 0.5 && l2a_result_score(res) <= 1.0);
    }
    if (e->status == L2A_STATUS_SKIPPED || e->status == L2A_STATUS_ANONYMOUS || e->status == L2A_STATUS_NO_CANDIDATE) {
        ck_assert_ptr_null(l2a_result_account_id(res));
        ck_assert_uint_eq(l2a_result_candidate_count(res), 0);
        ck_assert_double_eq(l2a_result_score(res), 0.0);
    }
}

START_TEST(decisions_on_a_small_account_set)
{
    l2a_matcher *m = test_matcher(accounts, N_ACCOUNTS, NULL);
    l2a_record *rec;
    l2a_result *res;
    size_t i;

    ck_assert_int_eq(l2a_record_new(&rec), L2A_OK);
    ck_assert_int_eq(l2a_result_new(&res), L2A_OK);
    ck_assert_uint_eq(l2a_matcher_account_count(m), N_ACCOUNTS);
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_case(m, rec, res, &cases[i]);
    l2a_result_free(res);
    l2a_record_free(rec);
    l2a_matcher_free(m);
}
END_TEST

static int match_one(l2a_matcher *m, const test_row *person, l2a_result *res)
{
    l2a_record *rec;
    int rc;

    ck_assert_int_eq(l2a_record_new(&rec), L2A_OK);
    test_fill(rec, person);
    rc = l2a_match(m, rec, res);
    l2a_record_free(rec);
    return rc;
}

START_TEST(freemail_domain_listed_by_an_account_is_no_signal)
{
    l2a_matcher *m = test_matcher(accounts, N_ACCOUNTS, NULL);
    l2a_result *res;
    test_row p = {.id = "P", .email = "soylent.fan@gmail.com"};
    size_t i;

    ck_assert_int_eq(l2a_result_new(&res), L2A_OK);
    ck_assert_int_eq(match_one(m, &p, res), L2A_OK);
    ck_assert_int_eq(l2a_result_status(res), L2A_STATUS_NO_CANDIDATE);
    /* The account's other domain still works. */
    p.email = "ceo@soylent.example.org";
    ck_assert_int_eq(match_one(m, &p, res), L2A_OK);
    ck_assert_str_eq(l2a_result_account_id(res), "A7");
    for (i = 0; i < l2a_result_candidate_count(res); i++) {
        double v;
        ck_assert_int_eq(l2a_result_candidate_feature(res, i, L2A_FEATURE_FREEMAIL, &v, NULL), L2A_OK);
        ck_assert_double_eq(v, 0.0);
    }
    l2a_result_free(res);
    l2a_matcher_free(m);
}
END_TEST

START_TEST(shared_domain_is_ambiguous_without_a_name)
{
    l2a_matcher *m = test_matcher(accounts, N_ACCOUNTS, NULL);
    l2a_result *res;
    test_row p = {.id = "P", .email = "a@umbrella.com"};

    ck_assert_int_eq(l2a_result_new(&res), L2A_OK);
    ck_assert_int_eq(l2a_matcher_set_param(m, L2A_PARAM_AMBIGUITY_MARGIN, 0.2), L2A_OK);
    ck_assert_int_eq(match_one(m, &p, res), L2A_OK);
    ck_assert_uint_eq(l2a_result_candidate_count(res), 2);
    ck_assert_int_eq(l2a_result_status(res), L2A_STATUS_AMBIGUOUS);
    ck_assert_ptr_nonnull(l2a_result_runner_up_id(res));
    ck_assert(l2a_result_score(res) - l2a_result_runner_up_score(res) <= 0.2);
    /* The company name tells them apart. */
    ck_assert_int_eq(l2a_matcher_set_param(m, L2A_PARAM_AMBIGUITY_MARGIN, 0.0), L2A_OK);
    p.name = "Umbrella Pharmaceuticals";
    ck_assert_int_eq(match_one(m, &p, res), L2A_OK);
    ck_assert_int_eq(l2a_result_status(res), L2A_STATUS_MATCHED);
    ck_assert_str_eq(l2a_result_account_id(res), "A6");
    ck_assert_str_eq(l2a_result_runner_up_id(res), "A5");
    ck_assert(l2a_result_score(res) > l2a_result_runner_up_score(res));
    l2a_result_free(res);
    l2a_matcher_free(m);
}
END_TEST

START_TEST(equal_scores_order_by_account_id)
{
    /* Two accounts alike in everything but the id: the lower id comes first, whatever the order of adding. */
    static const test_row twins[] = {
        {.id = "T2", .name = "Twin Widgets", .domains = "twins.com"},
        {.id = "T1", .name = "Twin Widgets", .domains = "twins.com"},
    };
    size_t order[2][2] = {{0, 1}, {1, 0}}, k;

    for (k = 0; k < 2; k++) {
        l2a_matcher *m = test_matcher(twins, 2, order[k]);
        l2a_result *res;
        test_row p = {.id = "P", .email = "x@twins.com"};

        ck_assert_int_eq(l2a_result_new(&res), L2A_OK);
        ck_assert_int_eq(match_one(m, &p, res), L2A_OK);
        ck_assert_double_eq(l2a_result_score(res), l2a_result_runner_up_score(res));
        ck_assert_str_eq(l2a_result_account_id(res), "T1");
        ck_assert_str_eq(l2a_result_runner_up_id(res), "T2");
        /* Together they clear the threshold, apart they cannot be told: ambiguous. */
        ck_assert_int_eq(l2a_result_status(res), L2A_STATUS_AMBIGUOUS);
        ck_assert(l2a_result_score(res) < 0.5);
        l2a_result_free(res);
        l2a_matcher_free(m);
    }
}
END_TEST

START_TEST(same_answer_whatever_the_order_of_accounts)
{
    size_t forward[N_ACCOUNTS], backward[N_ACCOUNTS], i, c;
    l2a_matcher *a, *b;
    l2a_result *ra, *rb;

    for (i = 0; i < N_ACCOUNTS; i++) {
        forward[i] = i;
        backward[i] = N_ACCOUNTS - 1 - i;
    }
    a = test_matcher(accounts, N_ACCOUNTS, forward);
    b = test_matcher(accounts, N_ACCOUNTS, backward);
    ck_assert_int_eq(l2a_result_new(&ra), L2A_OK);
    ck_assert_int_eq(l2a_result_new(&rb), L2A_OK);
    for (c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        ck_assert_int_eq(match_one(a, &cases[c].person, ra), L2A_OK);
        ck_assert_int_eq(match_one(b, &cases[c].person, rb), L2A_OK);
        ck_assert_int_eq(l2a_result_status(ra), l2a_result_status(rb));
        ck_assert_uint_eq(l2a_result_candidate_count(ra), l2a_result_candidate_count(rb));
        for (i = 0; i < l2a_result_candidate_count(ra); i++) {
            ck_assert_str_eq(l2a_result_candidate_id(ra, i), l2a_result_candidate_id(rb, i));
            ck_assert_double_eq(l2a_result_candidate_score(ra, i), l2a_result_candidate_score(rb, i));
        }
    }
    l2a_result_free(ra);
    l2a_result_free(rb);
    l2a_matcher_free(a);
    l2a_matcher_free(b);
}
END_TEST

START_TEST(threshold_turns_a_match_into_below_threshold)
{
    l2a_matcher *m = test_matcher(accounts, N_ACCOUNTS, NULL);
    l2a_result *res;
    test_row p = {.id = "P", .name = "Globex"};
    double score, t;

    ck_assert_int_eq(l2a_result_new(&res), L2A_OK);
    ck_assert_int_eq(match_one(m, &p, res), L2A_OK);
    ck_assert_int_eq(l2a_result_status(res), L2A_STATUS_MATCHED);
    score = l2a_result_score(res);
    ck_assert_int_eq(l2a_matcher_set_param(m, L2A_PARAM_THRESHOLD, fmin(1.0, score + 1e-9)), L2A_OK);
    ck_assert_int_eq(l2a_matcher_get_param(m, L2A_PARAM_THRESHOLD, &t), L2A_OK);
    ck_assert_double_eq(t, fmin(1.0, score + 1e-9));
    ck_assert_int_eq(match_one(m, &p, res), L2A_OK);
    ck_assert_int_eq(l2a_result_status(res), L2A_STATUS_BELOW_THRESHOLD);
    /* The best candidate is still reported. */
    ck_assert_str_eq(l2a_result_account_id(res), "A2");
    ck_assert_double_eq(l2a_result_score(res), score);
    ck_assert_int_eq(l2a_matcher_set_param(m, L2A_PARAM_THRESHOLD, 0.0), L2A_OK);
    ck_assert_int_eq(match_one(m, &p, res), L2A_OK);
    ck_assert_int_eq(l2a_result_status(res), L2A_STATUS_MATCHED);
    l2a_result_free(res);
    l2a_matcher_free(m);
}
END_TEST

START_TEST(reasons_are_the_best_candidates_contributions_largest_first)
{
    l2a_matcher *m = test_matcher(accounts, N_ACCOUNTS, NULL);
    l2a_result *res;
    test_row p = {.id = "P", .email = "pat@vandelay.com", .name = "Vandelay Industries", .country = "USA"};
    double prev = INFINITY, value, contrib, v2, c2;
    size_t i;
    int feature, saw_domain = 0;

    ck_assert_int_eq(l2a_result_new(&res), L2A_OK);
    ck_assert_int_eq(match_one(m, &p, res), L2A_OK);
    ck_assert_str_eq(l2a_result_account_id(res), "A10");
    ck_assert_uint_gt(l2a_result_reason_count(res), 2);
    for (i = 0; i < l2a_result_reason_count(res); i++) {
        ck_assert_int_eq(l2a_result_reason(res, i, &feature, &value, &contrib), L2A_OK);
        ck_assert(fabs(contrib) <= prev);
        ck_assert(contrib != 0.0);
        prev = fabs(contrib);
        ck_assert_int_eq(l2a_result_candidate_feature(res, 0, feature, &v2, &c2), L2A_OK);
        ck_assert_double_eq(value, v2);
        ck_assert_double_eq(contrib, c2);
        ck_assert_ptr_nonnull(l2a_feature_name(feature));
        saw_domain |= feature == L2A_FEATURE_EMAIL_DOMAIN;
    }
    ck_assert(saw_domain);
    ck_assert_int_eq(l2a_result_candidate_feature(res, 0, L2A_FEATURE_COUNTRY_MATCH, &value, NULL), L2A_OK);
    ck_assert_double_eq(value, 1.0);
    ck_assert_int_eq(l2a_result_candidate_feature(res, 0, L2A_FEATURE_NAME_EXACT, &value, NULL), L2A_OK);
    ck_assert_double_eq(value, 1.0);
    ck_assert_int_eq(l2a_result_reason(res, l2a_result_reason_count(res), &feature, NULL, NULL), L2A_ERR_NOT_FOUND);
    ck_assert_int_eq(l2a_result_candidate_feature(res, 0, L2A_FEATURE_COUNT, NULL, NULL), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_result_candidate_feature(res, 999, 0, NULL, NULL), L2A_ERR_NOT_FOUND);
    l2a_result_free(res);
    l2a_matcher_free(m);
}
END_TEST

START_TEST(acronym_and_alias)
{
    l2a_matcher *m = test_matcher(accounts, N_ACCOUNTS, NULL);
    l2a_result *res;
    test_row p = {.id = "P", .name = "Big Blue"};
    double v;

    ck_assert_int_eq(l2a_result_new(&res), L2A_OK);
    ck_assert_int_eq(match_one(m, &p, res), L2A_OK);
    ck_assert_str_eq(l2a_result_account_id(res), "A4");
    ck_assert_int_eq(l2a_result_method(res), L2A_METHOD_ALIAS);
    p.name = "IBM";
    ck_assert_int_eq(match_one(m, &p, res), L2A_OK);
    ck_assert_uint_gt(l2a_result_candidate_count(res), 0);
    {
        size_t i, found = 0;
        for (i = 0; i < l2a_result_candidate_count(res); i++)
            if (strcmp(l2a_result_candidate_id(res, i), "A4") == 0) {
                ck_assert_int_eq(l2a_result_candidate_feature(res, i, L2A_FEATURE_NAME_ACRONYM, &v, NULL), L2A_OK);
                ck_assert_double_eq(v, 1.0);
                found = 1;
            }
        ck_assert_msg(found, "the acronym did not bring its account among the candidates");
    }
    l2a_result_free(res);
    l2a_matcher_free(m);
}
END_TEST

/* The city feature of the candidate with this id, which must be there. */
static double city_match(l2a_matcher *m, const test_row *person, const char *account)
{
    l2a_record *rec;
    l2a_result *res;
    double v = -1.0;
    size_t i;

    ck_assert_int_eq(l2a_record_new(&rec), L2A_OK);
    ck_assert_int_eq(l2a_result_new(&res), L2A_OK);
    test_fill(rec, person);
    ck_assert_int_eq(l2a_match(m, rec, res), L2A_OK);
    for (i = 0; i < l2a_result_candidate_count(res); i++)
        if (strcmp(l2a_result_candidate_id(res, i), account) == 0)
            ck_assert_int_eq(l2a_result_candidate_feature(res, i, L2A_FEATURE_CITY_MATCH, &v, NULL), L2A_OK);
    ck_assert_msg(v >= 0.0, "%s is not among the candidates", account);
    l2a_result_free(res);
    l2a_record_free(rec);
    return v;
}

/*
 * Accounts share one copy of each city: a refused account's new city is
 * rolled back with it, and the accounts added after it still get theirs.
 */
START_TEST(cities_are_shared_and_survive_a_refused_account)
{
    static const test_row rows[] = {
        {.id = "A1", .name = "Acme Corporation", .domains = "acme.com", .city = "Springfield"},
        {.id = "A1", .name = "Acme Again", .domains = "acme-again.com", .city = "Shelbyville"},
        {.id = "A2", .name = "Globex Shelbyville Holdings", .domains = "globex.com", .city = "Shelbyville"},
        {.id = "A3", .name = "Initech", .domains = "initech.com", .city = "Springfield"},
    };
    static const int expected[] = {L2A_OK, L2A_ERR_DUPLICATE_ID, L2A_OK, L2A_OK};
    const test_row in_shelbyville = {.id = "P1", .email = "jo@globex.com", .city = "shelbyville"};
    const test_row in_springfield = {.id = "P2", .email = "al@initech.com", .city = "SPRINGFIELD"};
    const test_row elsewhere = {.id = "P3", .email = "ed@globex.com", .city = "Springfield"};
    l2a_matcher *m;
    l2a_record *rec;
    size_t i;

    ck_assert_int_eq(l2a_matcher_new(&m), L2A_OK);
    ck_assert_int_eq(l2a_record_new(&rec), L2A_OK);
    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        test_fill(rec, &rows[i]);
        ck_assert_int_eq(l2a_matcher_add_account(m, rec), expected[i]);
    }
    l2a_record_free(rec);
    ck_assert_int_eq(l2a_matcher_build(m), L2A_OK);
    ck_assert_double_eq(city_match(m, &in_shelbyville, "A2"), 1.0);
    ck_assert_double_eq(city_match(m, &in_springfield, "A3"), 1.0);
    ck_assert_double_eq(city_match(m, &elsewhere, "A2"), 0.0);
    l2a_matcher_free(m);
}
END_TEST

static int has_candidate(const l2a_result *res, const char *id)
{
    for (size_t i = 0; i < l2a_result_candidate_count(res); i++)
        if (strcmp(l2a_result_candidate_id(res, i), id) == 0)
            return 1;
    return 0;
}

/*
 * Matches one person under each name-search setting: the best account is
 * the same under both; counts[0] and counts[1] receive the candidate
 * counts, and the return value tells whether rival was a candidate when
 * every name is searched.
 */
static int name_search_case(l2a_matcher *m, const test_row *person, const char *best, size_t counts[2],
                            const char *rival)
{
    static const int setting[2] = {L2A_NAME_SEARCH_UNEXPLAINED, L2A_NAME_SEARCH_ALWAYS};
    l2a_result *res;
    int found = 0;

    ck_assert_int_eq(l2a_result_new(&res), L2A_OK);
    for (int i = 0; i < 2; i++) {
        ck_assert_int_eq(l2a_matcher_set_param(m, L2A_PARAM_NAME_SEARCH, setting[i]), L2A_OK);
        ck_assert_int_eq(match_one(m, person, res), L2A_OK);
        ck_assert_str_eq(l2a_result_candidate_id(res, 0), best);
        counts[i] = l2a_result_candidate_count(res);
        found = has_candidate(res, rival);
    }
    l2a_result_free(res);
    return found;
}

START_TEST(similar_names_are_searched_when_the_exact_keys_leave_the_name_unexplained)
{
    l2a_matcher *m = test_matcher(accounts, N_ACCOUNTS, NULL);
    /* Named exactly as an account: the similar name is searched only when asked. */
    const test_row exact = {.id = "Q1", .name = "Umbrella Holdings"};
    /* A typo of the name at the account's own domain: the same. */
    const test_row at_domain = {.id = "Q2", .name = "Umbrella Holdigns", .email = "kim@umbrella.com"};
    /*
     * A typo with no domain: the search is what finds the account, under
     * both settings; by default its words settle it (the one account named
     * "Vandelay"), where searching every name also brings the trigram
     * search's rivals.
     */
    const test_row typo = {.id = "Q3", .name = "Vandelay Industires"};
    size_t n[2];

    ck_assert(name_search_case(m, &exact, "A5", n, "A6"));
    ck_assert_uint_eq(n[0], 1);
    ck_assert_uint_gt(n[1], 1);
    /* Both accounts of umbrella.com are candidates by their domain either way. */
    ck_assert(name_search_case(m, &at_domain, "A5", n, "A6"));
    ck_assert_uint_eq(n[0], 2);
    ck_assert_uint_gt(n[1], 2);
    ck_assert(name_search_case(m, &typo, "A10", n, "A10"));
    ck_assert_uint_eq(n[0], 1);
    ck_assert_uint_gt(n[1], n[0]);
    l2a_matcher_free(m);
}
END_TEST

START_TEST(debugging_helpers)
{
    l2a_matcher *m;
    char out[64];
    size_t len;

    ck_assert_int_eq(l2a_matcher_new(&m), L2A_OK);
    ck_assert_int_eq(l2a_normalize_name(m, "ACME Holdings, Inc.", L2A_NTS, out, sizeof out, &len), L2A_OK);
    ck_assert_str_eq(out, "acme holdings");
    ck_assert_uint_eq(len, strlen("acme holdings"));
    ck_assert_int_eq(l2a_registrable_domain(m, "jane@emea.acme.co.uk", L2A_NTS, out, sizeof out, &len), L2A_OK);
    ck_assert_str_eq(out, "acme.co.uk");
    ck_assert_int_eq(l2a_registrable_domain(m, "HTTPS://WWW.ACME.COM/about", L2A_NTS, out, sizeof out, NULL), L2A_OK);
    ck_assert_str_eq(out, "acme.com");
    ck_assert_int_eq(l2a_registrable_domain(m, "not a domain", L2A_NTS, out, sizeof out, NULL), L2A_ERR_NOT_FOUND);
    ck_assert_int_eq(l2a_registrable_domain(m, "acme.com", L2A_NTS, out, 4, &len), L2A_ERR_TOO_LONG);
    ck_assert_uint_eq(len, 8);
    ck_assert_int_eq(l2a_normalize_name(m, "bad\xff", L2A_NTS, out, sizeof out, NULL), L2A_ERR_INVALID_UTF8);
    l2a_matcher_free(m);
}
END_TEST

START_TEST(version)
{
    char expected[32];

    ck_assert_uint_eq(l2a_version_number(), L2A_VERSION_NUMBER);
    ck_assert_str_eq(l2a_version(), L2A_VERSION_STRING);
    snprintf(expected, sizeof expected, "%d.%d.%d", L2A_VERSION_MAJOR, L2A_VERSION_MINOR, L2A_VERSION_PATCH);
    ck_assert_str_eq(l2a_version(), expected);
}
END_TEST

Suite *l2a_test_suite(void)
{
    Suite *s = suite_create("api");
    TCase *tc = tcase_create("match");

    tcase_add_test(tc, decisions_on_a_small_account_set);
    tcase_add_test(tc, freemail_domain_listed_by_an_account_is_no_signal);
    tcase_add_test(tc, shared_domain_is_ambiguous_without_a_name);
    tcase_add_test(tc, equal_scores_order_by_account_id);
    tcase_add_test(tc, same_answer_whatever_the_order_of_accounts);
    tcase_add_test(tc, threshold_turns_a_match_into_below_threshold);
    tcase_add_test(tc, reasons_are_the_best_candidates_contributions_largest_first);
    tcase_add_test(tc, acronym_and_alias);
    tcase_add_test(tc, cities_are_shared_and_survive_a_refused_account);
    tcase_add_test(tc, similar_names_are_searched_when_the_exact_keys_leave_the_name_unexplained);
    tcase_add_test(tc, debugging_helpers);
    tcase_add_test(tc, version);
    suite_add_tcase(s, tc);
    return s;
}
