/* SPDX-License-Identifier: MIT */
/* Small helpers for tests that use the public API only. */
#ifndef L2A_API_HELPERS_H
#define L2A_API_HELPERS_H

#include <check.h>
#include <stddef.h>
#include <string.h>

#include "l2a.h"

/* One account or person as strings; NULL or "" fields are left unset. Multi-valued cells use '|'. */
typedef struct test_row {
    const char *id;
    const char *name;     /* company name */
    const char *email;    /* persons */
    const char *website;
    const char *domains;  /* accounts, '|'-separated */
    const char *country;
    const char *city;
    const char *account_ids; /* persons, '|'-separated */
    const char *aliases;     /* accounts, '|'-separated */
} test_row;

static inline void test_set_multi(l2a_record *rec, int field, const char *cell)
{
    const char *p = cell, *bar;

    while (p && *p) {
        bar = strchr(p, '|');
        ck_assert_int_eq(l2a_record_add(rec, field, p, bar ? (size_t)(bar - p) : strlen(p)), L2A_OK);
        p = bar ? bar + 1 : NULL;
    }
}

static inline void test_fill(l2a_record *rec, const test_row *row)
{
    l2a_record_clear(rec);
    if (row->id)
        ck_assert_int_eq(l2a_record_set(rec, L2A_FIELD_ID, row->id, L2A_NTS), L2A_OK);
    if (row->name)
        ck_assert_int_eq(l2a_record_set(rec, L2A_FIELD_COMPANY_NAME, row->name, L2A_NTS), L2A_OK);
    if (row->email)
        ck_assert_int_eq(l2a_record_set(rec, L2A_FIELD_EMAIL, row->email, L2A_NTS), L2A_OK);
    if (row->website)
        ck_assert_int_eq(l2a_record_set(rec, L2A_FIELD_WEBSITE, row->website, L2A_NTS), L2A_OK);
    if (row->country)
        ck_assert_int_eq(l2a_record_set(rec, L2A_FIELD_COUNTRY, row->country, L2A_NTS), L2A_OK);
    if (row->city)
        ck_assert_int_eq(l2a_record_set(rec, L2A_FIELD_CITY, row->city, L2A_NTS), L2A_OK);
    test_set_multi(rec, L2A_FIELD_DOMAIN, row->domains);
    test_set_multi(rec, L2A_FIELD_ACCOUNT_IDS, row->account_ids);
    test_set_multi(rec, L2A_FIELD_ALIAS, row->aliases);
}

/* A built matcher over rows[order[0..n)] (order may be NULL for 0..n-1). */
static inline l2a_matcher *test_matcher(const test_row *rows, size_t n, const size_t *order)
{
    l2a_matcher *m = NULL;
    l2a_record *rec = NULL;
    size_t i;

    ck_assert_int_eq(l2a_matcher_new(&m), L2A_OK);
    ck_assert_int_eq(l2a_record_new(&rec), L2A_OK);
    for (i = 0; i < n; i++) {
        test_fill(rec, &rows[order ? order[i] : i]);
        ck_assert_msg(l2a_matcher_add_account(m, rec) == L2A_OK, "add %s: %s", rows[i].id,
                      l2a_matcher_errmsg(m));
    }
    l2a_record_free(rec);
    ck_assert_int_eq(l2a_matcher_build(m), L2A_OK);
    return m;
}

#endif
