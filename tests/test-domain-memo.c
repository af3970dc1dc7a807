/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain-memo.h"
#include "l2a.h"
#include "test-common.h"

const int l2a_test_wants_shared_data = 0;

static l2a_domains *dom;
static l2a_domain_memo *memo;

static void setup(void)
{
    ck_assert_int_eq(l2a_dom_new(&dom), L2A_OK);
    memo = calloc(1, sizeof *memo);
    ck_assert_ptr_nonnull(memo);
}

static void teardown(void)
{
    l2a_dom_free(dom);
    free(memo);
}

/* The memo's answer (code, domain, kind) is the direct lookup's, first time and after. */
static void agrees(const char *host)
{
    l2a_buf want, got;
    l2a_domain_kind want_kind, got_kind;
    int want_rc, rc;

    l2a_buf_init(&want);
    l2a_buf_init(&got);
    want_rc = l2a_dom_host_registrable_kind(dom, host, strlen(host), &want, &want_kind);
    for (int round = 0; round < 2; round++) {
        rc = l2a_domain_memo_registrable(memo, dom, host, strlen(host), &got, &got_kind);
        ck_assert_int_eq(rc, want_rc);
        if (rc == L2A_OK) {
            ck_assert_str_eq(l2a_buf_str(&got), l2a_buf_str(&want));
            ck_assert_int_eq(got_kind, want_kind);
        }
    }
    l2a_buf_free(&want);
    l2a_buf_free(&got);
}

START_TEST(test_answers_are_the_lookups)
{
    static const char *const hosts[] = {
        "acme.com",         "emea.acme.co.uk", "gmail.com",   "mail.yahoo.co.uk",     "mailinator.com",
        "foo.blogspot.com", "co.uk",           "localhost",   "xn--mller-kva.de",     "a.b.c.d.example.org",
    };

    for (size_t i = 0; i < sizeof hosts / sizeof *hosts; i++)
        agrees(hosts[i]);
    /* And again, now that they are remembered. */
    for (size_t i = 0; i < sizeof hosts / sizeof *hosts; i++)
        agrees(hosts[i]);
}
END_TEST

/* Many hosts share the slots: each answer stays its own. */
START_TEST(test_hosts_sharing_slots_keep_their_answers)
{
    char host[64];

    for (int round = 0; round < 2; round++)
        for (int i = 0; i < 3 * L2A_DOMAIN_MEMO_SLOTS; i++) {
            snprintf(host, sizeof host, "mail.company%d.co.jp", i);
            agrees(host);
        }
}
END_TEST

START_TEST(test_long_hosts_are_looked_up_every_time)
{
    char host[200];

    memset(host, 'a', 120);
    strcpy(host + 120, ".example.com");
    agrees(host);
    agrees("sub.domain.with.a.rather.long.name.that.passes.sixty.three.bytes.example.com");
}
END_TEST

Suite *l2a_test_suite(void)
{
    Suite *s = suite_create("domain-memo");
    TCase *tc = tcase_create("core");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_answers_are_the_lookups);
    tcase_add_test(tc, test_hosts_sharing_slots_keep_their_answers);
    tcase_add_test(tc, test_long_hosts_are_looked_up_every_time);
    suite_add_tcase(s, tc);
    return s;
}
