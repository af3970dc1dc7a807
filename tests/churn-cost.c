/* SPDX-License-Identifier: MIT */
/*
 * Measures the cost of account churn (docs/performance.md, "Account
 * churn"): a full build of an accounts CSV against applying a change to
 * pct% of its accounts with l2a_matcher_build(), and against
 * l2a_matcher_compact(). Usage: churn-cost accounts.csv [pct]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "csv-lite.h"
#include "l2a.h"

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void set(l2a_record *rec, int field, const char *v)
{
    if (*v)
        l2a_record_set(rec, field, v, L2A_NTS);
}

int main(int argc, char **argv)
{
    csv_lite c;
    l2a_matcher *m;
    l2a_record *rec;
    int c_id, c_name, c_web, c_dom, c_country, c_region, c_city;
    double pct = argc > 2 ? atof(argv[2]) : 1.0, t0, t_add, t_build, t_stage, t_apply, t_compact;
    size_t n = 0, every, changed = 0;

    if (argc < 2 || csv_lite_open(&c, argv[1]) != 0) {
        fprintf(stderr, "usage: churn-cost accounts.csv [percent]\n");
        return 2;
    }
    c_id = csv_lite_column(&c, "account_id");
    c_name = csv_lite_column(&c, "name");
    c_web = csv_lite_column(&c, "website");
    c_dom = csv_lite_column(&c, "domains");
    c_country = csv_lite_column(&c, "country");
    c_region = csv_lite_column(&c, "region");
    c_city = csv_lite_column(&c, "city");
    if (l2a_matcher_new(&m) != L2A_OK || l2a_record_new(&rec) != L2A_OK)
        return 1;
    t0 = now();
    while (csv_lite_next(&c)) {
        l2a_record_clear(rec);
        set(rec, L2A_FIELD_ID, csv_lite_field(&c, c_id));
        set(rec, L2A_FIELD_COMPANY_NAME, csv_lite_field(&c, c_name));
        set(rec, L2A_FIELD_WEBSITE, csv_lite_field(&c, c_web));
        set(rec, L2A_FIELD_DOMAIN, csv_lite_field(&c, c_dom));
        set(rec, L2A_FIELD_COUNTRY, csv_lite_field(&c, c_country));
        set(rec, L2A_FIELD_REGION, csv_lite_field(&c, c_region));
        set(rec, L2A_FIELD_CITY, csv_lite_field(&c, c_city));
        if (l2a_matcher_add_account(m, rec) == L2A_OK)
            n++;
    }
    csv_lite_close(&c);
    t_add = now() - t0;
    t0 = now();
    if (l2a_matcher_build(m) != L2A_OK)
        return 1;
    t_build = now() - t0;

    /* Update every k-th account: a new name and domain, same id. */
    every = pct > 0 ? (size_t)(100.0 / pct) : n + 1;
    if (csv_lite_open(&c, argv[1]) != 0)
        return 1;
    t_stage = 0;
    for (size_t i = 0; csv_lite_next(&c); i++) {
        char name[512], dom[300];
        if (i % every != 0)
            continue;
        snprintf(name, sizeof name, "%s Renamed", csv_lite_field(&c, c_name));
        snprintf(dom, sizeof dom, "renamed-%zu.example.com", i);
        l2a_record_clear(rec);
        set(rec, L2A_FIELD_ID, csv_lite_field(&c, c_id));
        set(rec, L2A_FIELD_COMPANY_NAME, name);
        set(rec, L2A_FIELD_DOMAIN, dom);
        set(rec, L2A_FIELD_COUNTRY, csv_lite_field(&c, c_country));
        t0 = now();
        if (l2a_matcher_add_account(m, rec) == L2A_OK)
            changed++;
        t_stage += now() - t0;
    }
    csv_lite_close(&c);
    t0 = now();
    if (l2a_matcher_build(m) != L2A_OK)
        return 1;
    t_apply = now() - t0;
    t0 = now();
    if (l2a_matcher_compact(m) != L2A_OK)
        return 1;
    t_compact = now() - t0;
    printf("accounts %zu, changed %zu (%.2f%%)\n", n, changed, 100.0 * (double)changed / (double)n);
    printf("full build: add_account %.1f ms + build %.1f ms\n", t_add * 1e3, t_build * 1e3);
    printf("churn: add_account (staging) %.2f ms + build (apply) %.2f ms\n", t_stage * 1e3, t_apply * 1e3);
    printf("compact: %.1f ms\n", t_compact * 1e3);
    l2a_record_free(rec);
    l2a_matcher_free(m);
    return 0;
}
