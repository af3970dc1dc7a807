/* SPDX-License-Identifier: MIT */
/*
 * The fast paths against the whole computation, over real organizations:
 * - every name and place of the shared data sets gets the same name and
 *   text keys with the fast paths on (ASCII shortcut, memo of single
 *   characters) as through ICU alone;
 * - every account's websites and domains get the same registrable domains
 *   from l2a_dom_value_registrable(), the website seen first as when
 *   accounts are added, as from l2a_dom_any_host() and
 *   l2a_dom_registrable() one by one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uclean.h>
#include <unicode/utf8.h>

#include "buf.h"
#include "csv-lite.h"
#include "domain.h"
#include "l2a.h"
#include "normalize.h"
#include "test-common.h"

const int l2a_test_wants_shared_data = 1;

static l2a_normalizer *fast, *slow;
static l2a_domains *dom;
static size_t texts_checked, values_checked;

static void setup(void)
{
    ck_assert_int_eq(l2a_norm_new(&fast), L2A_OK);
    ck_assert_int_eq(l2a_norm_new(&slow), L2A_OK);
    l2a_norm_set_fast_paths(slow, 0);
    ck_assert_int_eq(l2a_dom_new(&dom), L2A_OK);
    texts_checked = values_checked = 0;
}

static void teardown(void)
{
    l2a_norm_free(fast);
    l2a_norm_free(slow);
    l2a_dom_free(dom);
}

typedef int (*norm_fn)(l2a_normalizer *, const char *, size_t, l2a_buf *);

static void check_key(norm_fn fn, const char *s)
{
    l2a_buf a = L2A_BUF_INIT, b = L2A_BUF_INIT;
    int ra = fn(fast, s, strlen(s), &a), rb = fn(slow, s, strlen(s), &b);

    ck_assert_msg(ra == rb && a.len == b.len && memcmp(l2a_buf_str(&a), l2a_buf_str(&b), a.len) == 0,
                  "\"%s\": fast \"%s\" (rc %d), ICU \"%s\" (rc %d)", s, l2a_buf_str(&a), ra,
                  l2a_buf_str(&b), rb);
    l2a_buf_free(&a);
    l2a_buf_free(&b);
}

static void check_name(const char *s)
{
    if (!*s)
        return;
    check_key(l2a_norm_name, s);
    check_key(l2a_norm_text, s);
    texts_checked++;
}

static void check_place(const char *s)
{
    if (!*s)
        return;
    check_key(l2a_norm_text, s);
    texts_checked++;
}

/* The registrable domain of a value taken alone, "" when it has none. */
static void registrable_alone(const char *value, char *out, size_t cap)
{
    l2a_buf host = L2A_BUF_INIT, reg = L2A_BUF_INIT;

    out[0] = '\0';
    if (l2a_dom_any_host(dom, value, strlen(value), &host) == L2A_OK &&
        l2a_dom_registrable(dom, l2a_buf_str(&host), &reg) == L2A_OK)
        snprintf(out, cap, "%s", l2a_buf_str(&reg));
    l2a_buf_free(&host);
    l2a_buf_free(&reg);
}

static void check_value(const char *value, l2a_dom_seen *seen)
{
    l2a_buf reg = L2A_BUF_INIT;
    char want[300];
    int rc;

    if (!*value)
        return;
    rc = l2a_dom_value_registrable(dom, value, strlen(value), seen, &reg);
    registrable_alone(value, want, sizeof want);
    ck_assert_msg(want[0] ? rc == L2A_OK && strcmp(l2a_buf_str(&reg), want) == 0
                          : rc == L2A_ERR_NOT_FOUND,
                  "\"%s\": got \"%s\" (rc %d), alone \"%s\"", value, l2a_buf_str(&reg), rc, want);
    values_checked++;
    l2a_buf_free(&reg);
}

/* The values of one cell, split at `sep` (0: the whole cell), each checked. */
static void check_values_in(const char *cell, char sep, l2a_dom_seen *seen)
{
    char *copy = strdup(cell), *p = copy, *next;

    ck_assert_ptr_nonnull(copy);
    for (; p; p = next) {
        next = sep ? strchr(p, sep) : NULL;
        if (next)
            *next++ = '\0';
        check_value(p, seen);
    }
    free(copy);
}

static csv_lite open_csv(const char *relative)
{
    const char *path = l2a_test_data_path(relative);
    csv_lite c;

    ck_assert_ptr_nonnull(path);
    ck_assert_msg(csv_lite_open(&c, path) == 0, "cannot read %s", path);
    return c;
}

START_TEST(accounts_agree)
{
    csv_lite c = open_csv("l2a/accounts.csv");
    int name = csv_lite_column(&c, "name"), website = csv_lite_column(&c, "website");
    int domains = csv_lite_column(&c, "domains"), country = csv_lite_column(&c, "country");
    int region = csv_lite_column(&c, "region"), city = csv_lite_column(&c, "city");
    size_t rows = 0;

    ck_assert(name >= 0 && website >= 0 && domains >= 0);
    while (csv_lite_next(&c)) {
        l2a_dom_seen seen;
        check_name(csv_lite_field(&c, name));
        check_place(csv_lite_field(&c, country));
        check_place(csv_lite_field(&c, region));
        check_place(csv_lite_field(&c, city));
        /* as accounts are added: the website first, then the domains and the website again */
        l2a_dom_seen_init(&seen);
        check_values_in(csv_lite_field(&c, website), 0, &seen);
        check_values_in(csv_lite_field(&c, domains), '|', &seen);
        check_values_in(csv_lite_field(&c, website), 0, &seen);
        rows++;
    }
    csv_lite_close(&c);
    ck_assert_uint_ge(rows, 29000);
    ck_assert_uint_ge(values_checked, 2 * rows);
}
END_TEST

static void check_leads(const char *relative)
{
    csv_lite c = open_csv(relative);
    int company = csv_lite_column(&c, "company_name"), website = csv_lite_column(&c, "company_website");
    int email = csv_lite_column(&c, "email"), city = csv_lite_column(&c, "city");
    int region = csv_lite_column(&c, "region"), country = csv_lite_column(&c, "country");
    size_t rows = 0;

    ck_assert(company >= 0 && website >= 0 && email >= 0);
    while (csv_lite_next(&c)) {
        l2a_dom_seen seen;
        check_name(csv_lite_field(&c, company));
        check_place(csv_lite_field(&c, city));
        check_place(csv_lite_field(&c, region));
        check_place(csv_lite_field(&c, country));
        l2a_dom_seen_init(&seen);
        check_values_in(csv_lite_field(&c, website), 0, &seen);
        check_values_in(csv_lite_field(&c, email), 0, &seen);
        rows++;
    }
    csv_lite_close(&c);
    ck_assert_uint_ge(rows, 10000);
}

START_TEST(leads_agree)
{
    check_leads("l2a/dev/persons.csv");
    check_leads("l2a/train/persons.csv");
}
END_TEST

START_TEST(listed_companies_agree)
{
    csv_lite c = open_csv("raw/companies/financedatabase_equities_trimmed.csv");
    int name = csv_lite_column(&c, "name"), website = csv_lite_column(&c, "website");
    int city = csv_lite_column(&c, "city"), state = csv_lite_column(&c, "state");
    int country = csv_lite_column(&c, "country");
    size_t rows = 0;

    ck_assert(name >= 0 && website >= 0);
    while (csv_lite_next(&c)) {
        l2a_dom_seen seen;
        check_name(csv_lite_field(&c, name));
        check_place(csv_lite_field(&c, city));
        check_place(csv_lite_field(&c, state));
        check_place(csv_lite_field(&c, country));
        l2a_dom_seen_init(&seen);
        check_values_in(csv_lite_field(&c, website), 0, &seen);
        rows++;
    }
    csv_lite_close(&c);
    ck_assert_uint_ge(rows, 60000);
}
END_TEST

/*
 * The JSON strings of one line of the universities file, decoded into out
 * one after another, NUL-separated; returns their count. The file writes
 * one key a line and non-ASCII text as UTF-8, so escapes are few.
 */
static size_t json_strings(const char *p, char *out, size_t cap)
{
    size_t n = 0, count = 0;

    while ((p = strchr(p, '"')) != NULL) {
        for (p++; *p && *p != '"'; p++) {
            unsigned code = 0;
            ck_assert_uint_lt(n + 4, cap);
            if (*p != '\\') {
                out[n++] = *p;
                continue;
            }
            p++;
            if (*p == 'u') {
                UBool error = false;
                int32_t i = (int32_t)n;
                ck_assert_int_eq(sscanf(p + 1, "%4x", &code), 1);
                U8_APPEND((uint8_t *)out, i, (int32_t)cap, (UChar32)code, error);
                ck_assert(!error);
                n = (size_t)i;
                p += 4;
            } else {
                out[n++] = *p == 'n' ? ' ' : *p == 't' ? '\t' : *p;
            }
        }
        ck_assert_int_eq(*p, '"');
        p++;
        out[n++] = '\0';
        count++;
    }
    return count;
}

/* The websites and domains of one university, checked together once all are read. */
typedef struct value_list {
    char *values[64];
    size_t count;
} value_list;

static void check_and_clear(value_list *v)
{
    l2a_dom_seen seen;
    size_t i;

    l2a_dom_seen_init(&seen);
    for (i = 0; i < v->count; i++)
        check_value(v->values[i], &seen);
    for (i = 0; i < v->count; i++)
        free(v->values[i]);
    v->count = 0;
}

START_TEST(universities_agree)
{
    const char *path = l2a_test_data_path("raw/companies/hipo_world_universities_and_domains.json");
    char line[8192], strings[8192];
    value_list values = {{NULL}, 0};
    size_t names = 0;
    FILE *f;

    ck_assert_ptr_nonnull(path);
    f = fopen(path, "r");
    ck_assert_msg(f != NULL, "cannot read %s", path);
    while (fgets(line, sizeof line, f)) {
        size_t count = json_strings(line, strings, sizeof strings), i;
        const char *s = strings;
        if (count < 2)
            continue;
        /* the key, then its values */
        for (i = 1, s += strlen(s) + 1; i < count; i++, s += strlen(s) + 1) {
            if (strcmp(strings, "name") == 0) {
                check_and_clear(&values); /* "name" opens the next university */
                check_name(s);
                names++;
            } else if (strcmp(strings, "state-province") == 0 || strcmp(strings, "country") == 0) {
                check_place(s);
            } else if (strcmp(strings, "web_pages") == 0 || strcmp(strings, "domains") == 0) {
                /* web pages first, as accounts take their website first */
                size_t at = strcmp(strings, "web_pages") == 0 ? 0 : values.count;
                ck_assert_uint_lt(values.count, sizeof values.values / sizeof values.values[0]);
                memmove(values.values + at + 1, values.values + at,
                        (values.count - at) * sizeof values.values[0]);
                values.values[at] = strdup(s);
                ck_assert_ptr_nonnull(values.values[at]);
                values.count++;
            }
        }
    }
    check_and_clear(&values);
    fclose(f);
    ck_assert_uint_ge(names, 9000);
}
END_TEST

Suite *l2a_test_suite(void)
{
    Suite *s = suite_create("fast-paths");
    TCase *tc = tcase_create("data");

    atexit(u_cleanup);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, accounts_agree);
    tcase_add_test(tc, leads_agree);
    tcase_add_test(tc, listed_companies_agree);
    tcase_add_test(tc, universities_agree);
    suite_add_tcase(s, tc);
    return s;
}
