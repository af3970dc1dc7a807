/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: the model file loader, l2a_matcher_set_model(), through the
 * public API only.
 *
 * Checks, beyond "no crash, no leak, no undefined behaviour":
 * - a refused model leaves the matcher's model (version, threshold) as it was;
 * - an accepted model has a version string of at most 63 bytes and a
 *   threshold in the parameter's bounds;
 * - a matcher using an accepted model (weights however large) still gives
 *   probabilities between 0 and 1 and finite reasons.
 */
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "l2a.h"

static l2a_matcher *loader; /* never built: every input is loaded into it */
static char default_version[128];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    if (l2a_matcher_new(&loader) != L2A_OK)
        abort();
    snprintf(default_version, sizeof default_version, "%s", l2a_matcher_model_version(loader));
    return 0;
}

static void add_account(l2a_matcher *m, l2a_record *rec, const char *id, const char *name,
                        const char *domain, const char *country)
{
    l2a_record_clear(rec);
    l2a_record_set(rec, L2A_FIELD_ID, id, L2A_NTS);
    l2a_record_set(rec, L2A_FIELD_COMPANY_NAME, name, L2A_NTS);
    l2a_record_add(rec, L2A_FIELD_DOMAIN, domain, L2A_NTS);
    l2a_record_set(rec, L2A_FIELD_COUNTRY, country, L2A_NTS);
    l2a_record_set(rec, L2A_FIELD_PHONE, "+1 415 555 0100", L2A_NTS);
    FUZZ_CHECK(l2a_matcher_add_account(m, rec) == L2A_OK);
}

/* Scores a few persons that light up every kind of feature with this model. */
static void score_with(const char *text, size_t len)
{
    static const char *const persons[][4] = {
        /* email, company name, website, country */
        {"jane@acme.com", "Acme Inc", "", "US"},
        {"joe@gmail.com", "ACME", "acme.com", "DE"},
        {"x@emea.acme.com", "", "", ""},
        {"", "Acme Widgets", "https://acme-widgets.example/", "United States"},
        {"ann@other.org", "Other Org", "", "FR"},
    };
    l2a_matcher *m;
    l2a_record *rec;
    l2a_result *res;
    size_t i, j;

    if (l2a_matcher_new(&m) != L2A_OK || l2a_record_new(&rec) != L2A_OK ||
        l2a_result_new(&res) != L2A_OK)
        abort();
    FUZZ_CHECK(l2a_matcher_set_model(m, text, len) == L2A_OK);
    add_account(m, rec, "A1", "Acme Inc", "acme.com", "US");
    add_account(m, rec, "A2", "Acme Widgets", "acme-widgets.example", "US");
    add_account(m, rec, "A3", "ACME GmbH", "acme.com", "DE");
    add_account(m, rec, "A4", "Other Org", "other.org", "FR");
    FUZZ_CHECK(l2a_matcher_build(m) == L2A_OK);
    for (i = 0; i < sizeof persons / sizeof persons[0]; i++) {
        l2a_record_clear(rec);
        l2a_record_set(rec, L2A_FIELD_ID, "P", L2A_NTS);
        l2a_record_set(rec, L2A_FIELD_EMAIL, persons[i][0], L2A_NTS);
        l2a_record_set(rec, L2A_FIELD_COMPANY_NAME, persons[i][1], L2A_NTS);
        l2a_record_set(rec, L2A_FIELD_WEBSITE, persons[i][2], L2A_NTS);
        l2a_record_set(rec, L2A_FIELD_COUNTRY, persons[i][3], L2A_NTS);
        l2a_record_set(rec, L2A_FIELD_PHONE, "+1 (415) 555-0199", L2A_NTS);
        FUZZ_CHECK(l2a_match(m, rec, res) == L2A_OK);
        FUZZ_CHECK(l2a_result_score(res) >= 0.0 && l2a_result_score(res) <= 1.0);
        FUZZ_CHECK(l2a_result_runner_up_score(res) >= 0.0 && l2a_result_runner_up_score(res) <= 1.0);
        for (j = 0; j < l2a_result_candidate_count(res); j++) {
            double s = l2a_result_candidate_score(res, j);
            FUZZ_CHECK(s >= 0.0 && s <= 1.0);
        }
        for (j = 0; j < l2a_result_reason_count(res); j++) {
            double v = NAN, c = NAN;
            FUZZ_CHECK(l2a_result_reason(res, j, NULL, &v, &c) == L2A_OK);
            FUZZ_CHECK(!isnan(v) && !isnan(c));
        }
    }
    l2a_result_free(res);
    l2a_record_free(rec);
    l2a_matcher_free(m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    char before[128];
    double threshold_before, threshold, lo, hi;
    const char *version;
    int rc;

    snprintf(before, sizeof before, "%s", l2a_matcher_model_version(loader));
    FUZZ_CHECK(l2a_matcher_get_param(loader, L2A_PARAM_THRESHOLD, &threshold_before) == L2A_OK);

    rc = l2a_matcher_set_model(loader, text, size);
    FUZZ_CHECK(rc == L2A_OK || rc == L2A_ERR_MODEL_FORMAT || rc == L2A_ERR_NOMEM);
    version = l2a_matcher_model_version(loader);
    FUZZ_CHECK(version != NULL && strlen(version) <= 63);
    FUZZ_CHECK(l2a_matcher_get_param(loader, L2A_PARAM_THRESHOLD, &threshold) == L2A_OK);
    FUZZ_CHECK(l2a_param_bounds(L2A_PARAM_THRESHOLD, &lo, &hi) == L2A_OK);
    FUZZ_CHECK(threshold >= lo && threshold <= hi);
    if (rc != L2A_OK) {
        FUZZ_CHECK(l2a_matcher_errmsg(loader)[0] != '\0');
        FUZZ_CHECK(strcmp(version, before) == 0);
        FUZZ_CHECK(threshold == threshold_before);
        return 0;
    }
    score_with(text, size);
    /* Back to the default, so that the next input starts from the same state. */
    {
        l2a_matcher *fresh;
        if (l2a_matcher_new(&fresh) != L2A_OK)
            abort();
        l2a_matcher_free(loader);
        loader = fresh;
        FUZZ_CHECK(strcmp(l2a_matcher_model_version(loader), default_version) == 0);
    }
    return 0;
}
