/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: one record matched end to end, through the public API only.
 *
 * The input is a list of lines. The first byte of a line is a tag, the rest
 * its value:
 *   tag % 20 in 1..17  a field of the current record (l2a_field ids; the
 *                      multi-valued ones are appended with l2a_record_add);
 *   tag % 20 == 18     the current record becomes an account of a private
 *                      matcher built from this input, and is cleared;
 *   tag % 20 == 19     the value is added as a free-mail domain there;
 *   tag % 20 == 0      a parameter of that matcher (the value's first byte
 *                      picks it, the second its value).
 * What is left in the record at the end is the person: it is matched
 * against a fixed matcher built once, and against the private one if the
 * input made one; then, on the private matcher, the person is added as an
 * account after the build, removed again and the matcher compacted, with a
 * match after each step. The debugging helpers run on every value as well.
 *
 * Checks, beyond "no crash, no leak, no undefined behaviour": statuses,
 * classes and methods are known values; scores are probabilities; a matched
 * best candidate reaches the threshold; account persons are skipped;
 * reasons are ordered by influence; the same person matched twice gives
 * the same answer; the helpers' "buffer too small" length is exact.
 */
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "l2a.h"

static l2a_matcher *fixed;

static const char *const fixed_accounts[][6] = {
    /* id, name, website, domains ('|'), country, city */
    {"A1", "Acme Holdings, Inc.", "https://www.acme.com/about", "acme.com|acme.co.uk", "US", "Springfield"},
    {"A2", "ACME Logistics GmbH", "acme-logistics.de", "acme-logistics.de", "DE", "Köln"},
    {"A3", "Müller & Söhne KG", "http://müller-söhne.de", "xn--mller-shne-ilb.de", "DE", "München"},
    {"A4", "株式会社ニコン", "nikon.co.jp", "nikon.co.jp", "JP", "東京"},
    {"A5", "Northwind Traders Ltd", "northwind.example.co.uk", "northwind.co.uk", "GB", "London"},
    {"A6", "International Business Machines", "ibm.com", "ibm.com", "US", "Armonk"},
    {"A7", "IBM Research", "research.ibm.com", "ibm.com", "CH", "Zürich"},
    {"A8", "Gmail Users Club", "gmail.com", "gmail.com", "US", ""},
    {"A9", "Société Générale S.A.", "societegenerale.fr", "societegenerale.com|sg.fr", "France", "Paris"},
    {"A10", "The Blue River Company", "blueriver.io", "blueriver.io", "Canada", "Toronto"},
    {"A11", "Blue River Co", "", "", "CA", "Ottawa"},
    {"A12", "Яндекс", "yandex.ru", "yandex.ru|ya.ru", "RU", "Москва"},
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    l2a_record *rec;
    size_t i;

    (void)argc;
    (void)argv;
    if (l2a_matcher_new(&fixed) != L2A_OK || l2a_record_new(&rec) != L2A_OK)
        abort();
    for (i = 0; i < sizeof fixed_accounts / sizeof fixed_accounts[0]; i++) {
        const char *const *a = fixed_accounts[i];
        const char *d = a[3];
        l2a_record_clear(rec);
        l2a_record_set(rec, L2A_FIELD_ID, a[0], L2A_NTS);
        l2a_record_set(rec, L2A_FIELD_COMPANY_NAME, a[1], L2A_NTS);
        l2a_record_set(rec, L2A_FIELD_WEBSITE, a[2], L2A_NTS);
        while (*d) {
            size_t n = strcspn(d, "|");
            l2a_record_add(rec, L2A_FIELD_DOMAIN, d, n);
            d += n + (d[n] == '|');
        }
        l2a_record_set(rec, L2A_FIELD_COUNTRY, a[4], L2A_NTS);
        l2a_record_set(rec, L2A_FIELD_CITY, a[5], L2A_NTS);
        if (i == 6)
            l2a_record_set(rec, L2A_FIELD_PARENT_ID, "A6", L2A_NTS);
        if (i == 5)
            l2a_record_add(rec, L2A_FIELD_ALIAS, "Big Blue", L2A_NTS);
        if (l2a_matcher_add_account(fixed, rec) != L2A_OK)
            abort();
    }
    l2a_record_free(rec);
    if (l2a_matcher_build(fixed) != L2A_OK)
        abort();
    return 0;
}

static bool is_multi(int field)
{
    return field == L2A_FIELD_ALIAS || field == L2A_FIELD_DOMAIN || field == L2A_FIELD_ACCOUNT_IDS;
}

static bool is_probability(double p)
{
    return p >= 0.0 && p <= 1.0; /* false for NaN */
}

/* The helpers: a 4-byte buffer first, then one of the size they asked for. */
static void check_helpers(const l2a_matcher *m, const char *v, size_t len)
{
    char small[4], *big;
    size_t need = 0, got = 0;
    int rc;

    rc = l2a_normalize_name(m, v, len, small, sizeof small, &need);
    FUZZ_CHECK(rc == L2A_OK || rc == L2A_ERR_TOO_LONG || rc == L2A_ERR_INVALID_UTF8 ||
               rc == L2A_ERR_NOMEM);
    if (rc == L2A_OK)
        FUZZ_CHECK(strlen(small) == need);
    if (rc == L2A_ERR_TOO_LONG && len <= L2A_FIELD_MAX_BYTES) {
        FUZZ_CHECK(need >= sizeof small);
        big = malloc(need + 1);
        FUZZ_CHECK(big != NULL);
        FUZZ_CHECK(l2a_normalize_name(m, v, len, big, need + 1, &got) == L2A_OK);
        FUZZ_CHECK(got == need && strlen(big) == need);
        free(big);
    }

    rc = l2a_registrable_domain(m, v, len, small, sizeof small, &need);
    FUZZ_CHECK(rc == L2A_OK || rc == L2A_ERR_TOO_LONG || rc == L2A_ERR_INVALID_UTF8 ||
               rc == L2A_ERR_NOT_FOUND || rc == L2A_ERR_NOMEM);
    if (rc == L2A_OK)
        FUZZ_CHECK(strlen(small) == need);
    if (rc == L2A_ERR_TOO_LONG && len <= L2A_FIELD_MAX_BYTES) {
        big = malloc(need + 1);
        FUZZ_CHECK(big != NULL);
        FUZZ_CHECK(l2a_registrable_domain(m, v, len, big, need + 1, &got) == L2A_OK);
        FUZZ_CHECK(got == need && strlen(big) == need);
        free(big);
    }
}

static void check_result(const l2a_matcher *m, const l2a_record *person, int rc,
                         const l2a_result *res)
{
    int status = l2a_result_status(res);
    int cls = l2a_result_person_class(res);
    int method = l2a_result_method(res);
    const char *best = l2a_result_account_id(res);
    double score = l2a_result_score(res), threshold = -1.0, prev = HUGE_VAL;
    size_t i, n;

    FUZZ_CHECK(rc == L2A_OK || rc == L2A_ERR_NOMEM || rc == L2A_ERR_INTERNAL);
    if (rc != L2A_OK) {
        FUZZ_CHECK(status == L2A_STATUS_REJECTED);
        FUZZ_CHECK(l2a_result_errmsg(res)[0] != '\0');
        return;
    }
    FUZZ_CHECK(status >= L2A_STATUS_MATCHED && status <= L2A_STATUS_ANONYMOUS);
    FUZZ_CHECK(cls >= L2A_CLASS_ACCOUNT && cls <= L2A_CLASS_ANONYMOUS);
    FUZZ_CHECK(l2a_method_name(method) != NULL);
    FUZZ_CHECK(is_probability(score));
    FUZZ_CHECK(is_probability(l2a_result_runner_up_score(res)));
    FUZZ_CHECK((cls == L2A_CLASS_ACCOUNT) == (status == L2A_STATUS_SKIPPED));
    FUZZ_CHECK((cls == L2A_CLASS_ACCOUNT) == (l2a_record_count(person, L2A_FIELD_ACCOUNT_IDS) > 0));
    FUZZ_CHECK((cls == L2A_CLASS_ANONYMOUS) == (status == L2A_STATUS_ANONYMOUS));
    if (status == L2A_STATUS_MATCHED || status == L2A_STATUS_BELOW_THRESHOLD ||
        status == L2A_STATUS_AMBIGUOUS) {
        FUZZ_CHECK(best != NULL && best[0] != '\0');
        FUZZ_CHECK(method != L2A_METHOD_NONE);
        FUZZ_CHECK(l2a_result_candidate_count(res) >= 1);
        FUZZ_CHECK(strcmp(best, l2a_result_candidate_id(res, 0)) == 0);
        FUZZ_CHECK(l2a_matcher_get_param(m, L2A_PARAM_THRESHOLD, &threshold) == L2A_OK);
        if (status == L2A_STATUS_MATCHED)
            FUZZ_CHECK(score >= threshold);
        if (status == L2A_STATUS_BELOW_THRESHOLD)
            FUZZ_CHECK(score < threshold);
    } else {
        FUZZ_CHECK(best == NULL);
    }
    if (l2a_result_runner_up_id(res))
        FUZZ_CHECK(best != NULL && strcmp(best, l2a_result_runner_up_id(res)) != 0);

    n = l2a_result_candidate_count(res);
    FUZZ_CHECK(n <= 256 + 64);
    for (i = 0; i < n; i++) {
        int f;
        FUZZ_CHECK(l2a_result_candidate_id(res, i) != NULL);
        FUZZ_CHECK(is_probability(l2a_result_candidate_score(res, i)));
        for (f = 0; f < L2A_FEATURE_COUNT; f++) {
            double v = NAN, c = NAN;
            FUZZ_CHECK(l2a_result_candidate_feature(res, i, f, &v, &c) == L2A_OK);
            FUZZ_CHECK(isfinite(v) && isfinite(c));
        }
        FUZZ_CHECK(l2a_result_candidate_feature(res, i, L2A_FEATURE_COUNT, NULL, NULL) != L2A_OK);
    }
    FUZZ_CHECK(l2a_result_candidate_id(res, n) == NULL);

    n = l2a_result_reason_count(res);
    FUZZ_CHECK(n <= L2A_FEATURE_COUNT);
    for (i = 0; i < n; i++) {
        int f = -1;
        double v = NAN, c = NAN;
        FUZZ_CHECK(l2a_result_reason(res, i, &f, &v, &c) == L2A_OK);
        FUZZ_CHECK(l2a_feature_name(f) != NULL);
        FUZZ_CHECK(isfinite(v) && isfinite(c) && c != 0.0);
        FUZZ_CHECK(fabs(c) <= prev);
        prev = fabs(c);
    }
    FUZZ_CHECK(l2a_result_reason(res, n, NULL, NULL, NULL) == L2A_ERR_NOT_FOUND);
}

/* Match twice (two results) and compare: matching is a pure function. */
static void match_and_check(const l2a_matcher *m, const l2a_record *person)
{
    l2a_result *a, *b;
    int ra, rb;

    if (l2a_result_new(&a) != L2A_OK || l2a_result_new(&b) != L2A_OK)
        abort();
    ra = l2a_match(m, person, a);
    check_result(m, person, ra, a);
    rb = l2a_match(m, person, b);
    FUZZ_CHECK(ra == rb);
    FUZZ_CHECK(l2a_result_status(a) == l2a_result_status(b));
    FUZZ_CHECK(l2a_result_score(a) == l2a_result_score(b));
    FUZZ_CHECK((l2a_result_account_id(a) == NULL) == (l2a_result_account_id(b) == NULL));
    if (l2a_result_account_id(a))
        FUZZ_CHECK(strcmp(l2a_result_account_id(a), l2a_result_account_id(b)) == 0);
    /* Reusing a result replaces its previous contents. */
    ra = l2a_match(m, person, a);
    FUZZ_CHECK(l2a_result_status(a) == l2a_result_status(b));
    l2a_result_free(a);
    l2a_result_free(b);
}

static l2a_matcher *private_matcher(l2a_matcher **own)
{
    if (!*own && l2a_matcher_new(own) != L2A_OK)
        abort();
    return *own;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *p = (const char *)data, *end = p + size;
    l2a_matcher *own = NULL;
    l2a_record *rec;
    int rc;

    if (l2a_record_new(&rec) != L2A_OK)
        abort();
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *line_end = nl ? nl : end;
        unsigned tag = (unsigned char)*p;
        const char *v = p + 1;
        size_t len = line_end > p ? (size_t)(line_end - v) : 0;
        int field = (int)(tag % 20);

        if (line_end == p) { /* an empty line */
            p = line_end + 1;
            continue;
        }
        if (field >= 1 && field < L2A_FIELD_END) {
            rc = is_multi(field) ? l2a_record_add(rec, field, v, len)
                                 : l2a_record_set(rec, field, v, len);
            FUZZ_CHECK(rc == L2A_OK || rc == L2A_ERR_INVALID_UTF8 || rc == L2A_ERR_TOO_LONG);
            if (rc != L2A_OK)
                FUZZ_CHECK(l2a_record_errmsg(rec)[0] != '\0');
            check_helpers(fixed, v, len);
        } else if (field == 18) {
            size_t before = l2a_matcher_account_count(private_matcher(&own));
            rc = l2a_matcher_add_account(own, rec);
            FUZZ_CHECK(rc == L2A_OK || rc == L2A_ERR_MISSING_ID || rc == L2A_ERR_DUPLICATE_ID);
            FUZZ_CHECK(l2a_matcher_account_count(own) == before + (rc == L2A_OK));
            if (rc != L2A_OK)
                FUZZ_CHECK(l2a_matcher_errmsg(own)[0] != '\0');
            l2a_record_clear(rec);
        } else if (field == 19) {
            rc = l2a_matcher_add_freemail(private_matcher(&own), v, len);
            FUZZ_CHECK(rc == L2A_OK || rc == L2A_ERR_INVALID_ARGUMENT || rc == L2A_ERR_INVALID_UTF8 ||
                       rc == L2A_ERR_TOO_LONG);
        } else if (len >= 2) {
            int param = 1 + (unsigned char)v[0] % 3;
            double lo, hi, value, got;
            FUZZ_CHECK(l2a_param_bounds(param, &lo, &hi) == L2A_OK);
            value = lo + (hi - lo) * ((unsigned char)v[1] / 255.0);
            if (param == L2A_PARAM_MAX_CANDIDATES)
                value = floor(value);
            rc = l2a_matcher_set_param(private_matcher(&own), param, value);
            FUZZ_CHECK(rc == L2A_OK);
            FUZZ_CHECK(l2a_matcher_get_param(own, param, &got) == L2A_OK && got == value);
            /* Out of range is refused and changes nothing. */
            FUZZ_CHECK(l2a_matcher_set_param(own, param, hi + 1.0) == L2A_ERR_INVALID_ARGUMENT);
            FUZZ_CHECK(l2a_matcher_set_param(own, param, NAN) == L2A_ERR_INVALID_ARGUMENT);
            FUZZ_CHECK(l2a_matcher_get_param(own, param, &got) == L2A_OK && got == value);
        }
        if (!nl)
            break;
        p = nl + 1;
    }

    match_and_check(fixed, rec);
    if (own) {
        l2a_result *res;
        if (l2a_result_new(&res) != L2A_OK)
            abort();
        FUZZ_CHECK(l2a_match(own, rec, res) == L2A_ERR_NOT_BUILT);
        FUZZ_CHECK(l2a_result_status(res) == L2A_STATUS_REJECTED);
        l2a_result_free(res);
        FUZZ_CHECK(l2a_matcher_build(own) == L2A_OK);
        FUZZ_CHECK(l2a_matcher_build(own) == L2A_OK); /* nothing pending: a no-op */
        match_and_check(own, rec);
        if (l2a_record_count(rec, L2A_FIELD_ID)) {
            /* The person becomes an account after the build (added, or
             * replacing the account of that id), then is removed again;
             * each change is applied by the next build. */
            size_t before = l2a_matcher_account_count(own);
            const char *id = l2a_record_get(rec, L2A_FIELD_ID, 0, NULL);
            FUZZ_CHECK(l2a_matcher_add_account(own, rec) == L2A_OK);
            FUZZ_CHECK(l2a_matcher_account_count(own) == before); /* staged */
            FUZZ_CHECK(l2a_matcher_build(own) == L2A_OK);
            FUZZ_CHECK(l2a_matcher_account_count(own) == before ||
                       l2a_matcher_account_count(own) == before + 1);
            match_and_check(own, rec);
            FUZZ_CHECK(l2a_matcher_remove_account(own, id, L2A_NTS) == L2A_OK);
            FUZZ_CHECK(l2a_matcher_remove_account(own, id, L2A_NTS) == L2A_ERR_NOT_FOUND);
            FUZZ_CHECK(l2a_matcher_build(own) == L2A_OK);
            match_and_check(own, rec);
            FUZZ_CHECK(l2a_matcher_compact(own) == L2A_OK);
            match_and_check(own, rec);
        }
        l2a_matcher_free(own);
    }
    l2a_record_free(rec);
    return 0;
}
