/* SPDX-License-Identifier: MIT */
/*
 * The domain module: hosts out of emails and URLs, registrable domains,
 * free-mail kinds, the built-in tables, and concurrent use of one handle.
 * IDN expectations are the punycode of the label as any IDNA2008 tool
 * computes it (e.g. "bücher" -> "xn--bcher-kva").
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uidna.h>

#include "domain.h"
#include "freemail.h"
#include "l2a.h"
#include "test-common.h"

const int l2a_test_wants_shared_data = 0;

static l2a_domains *dom;
static l2a_buf out;

static void setup(void)
{
    ck_assert_int_eq(l2a_dom_new(&dom), L2A_OK);
    l2a_buf_init(&out);
}

static void teardown(void)
{
    l2a_buf_free(&out);
    l2a_dom_free(dom);
    dom = NULL;
}

/* An expected host, or NULL for L2A_ERR_NOT_FOUND. */
struct host_case {
    const char *input;
    const char *host;
};

static void check_host_case(int rc, const struct host_case *c)
{
    if (c->host) {
        ck_assert_msg(rc == L2A_OK, "'%s': rc %d, expected host %s", c->input, rc, c->host);
        ck_assert_str_eq(l2a_buf_str(&out), c->host);
    } else {
        ck_assert_msg(rc == L2A_ERR_NOT_FOUND, "'%s': rc %d (%s), expected NOT_FOUND", c->input, rc,
                      l2a_buf_str(&out));
    }
}

/* ---- email hosts ---- */

static const struct host_case email_cases[] = {
    {"jane@acme.com", "acme.com"},
    {"  jane@acme.com\t\n", "acme.com"},
    {"JANE@ACME.COM", "acme.com"},
    {"Jane Doe <jane@acme.com>", "acme.com"},
    {"\"Doe, Jane\" <jane.doe@Acme.CO.UK>", "acme.co.uk"},
    {"mailto:jane@acme.com", "acme.com"},
    {"MAILTO:jane@acme.com?subject=Hello", "acme.com"},
    {"jane@acme.com.", "acme.com"},
    {"jane@acme.com..", "acme.com"},
    {"jane@emea.acme.co.uk", "emea.acme.co.uk"},
    {"\"a@b\"@acme.com", "acme.com"},
    {"jane@bücher.de", "xn--bcher-kva.de"},
    {"jane@xn--bcher-kva.de", "xn--bcher-kva.de"},
    {"jane@straße.de", "xn--strae-oqa.de"},
    {"jane@acme\xEF\xBC\x8E" "com", "acme.com"},   /* fullwidth full stop maps to '.' */
    {"\xC2\xA0jane@acme.com\xC2\xA0", "acme.com"}, /* pasted no-break spaces */
    {"jane@acme-corp.com", "acme-corp.com"},
    {"jane.acme.com", NULL},
    {"jane@", NULL},
    {"jane@ ", NULL},
    {"@", NULL},
    {"", NULL},
    {"jane@[1.2.3.4]", NULL},
    {"jane@[IPv6:2001:db8::1]", NULL},
    {"jane@1.2.3.4", NULL},
    {"jane@localhost", NULL},
    {"jane@acme", NULL},
    {"jane@acme..com", NULL},
    {"jane@.acme.com", NULL},
    {"jane@-acme.com", NULL},
    {"jane@acme-.com", NULL},
    {"jane@acme_corp.com", NULL},
    {"jane@acme com.com", NULL},
    {"jane@acme.com/x", NULL},
    {"jane@xn--a.com", NULL}, /* punycode for U+0080, which IDNA disallows */
};

START_TEST(email_host_shapes)
{
    const struct host_case *c = &email_cases[_i];
    check_host_case(l2a_dom_email_host(dom, c->input, strlen(c->input), &out), c);
}
END_TEST

/* ---- URL hosts ---- */

static const struct host_case url_cases[] = {
    {"acme.com", "acme.com"},
    {"www.acme.com", "www.acme.com"},
    {"HTTPS://WWW.ACME.COM/about", "www.acme.com"},
    {"http://acme.com", "acme.com"},
    {"acme.com:443/", "acme.com"},
    {"acme.com:8080", "acme.com"},
    {"//acme.com", "acme.com"},
    {"http://user:pw@acme.com/x?y#z", "acme.com"},
    {"acme.com.", "acme.com"},
    {"  acme.com  ", "acme.com"},
    {"bücher.de", "xn--bcher-kva.de"},
    {"http://bücher.de/", "xn--bcher-kva.de"},
    {"bücher.de.", "xn--bcher-kva.de"},
    {"acme.com\xE3\x80\x82", "acme.com"}, /* ideographic full stop as the root dot */
    {"https://MÜNCHEN.de/stadt", "xn--mnchen-3ya.de"},
    {"ñandú.com.ar", "xn--and-6ma2c.com.ar"},
    {"acme.com/path", "acme.com"},
    {"acme.com?x", "acme.com"},
    {"acme.com#frag", "acme.com"},
    {"ftp://files.acme.org/pub", "files.acme.org"},
    {"http:/acme.com", "acme.com"},
    {"https:\\\\acme.com\\x", "acme.com"},
    {"<https://acme.com>", "acme.com"},
    {"mailto:jane@acme.com", "acme.com"},
    {"emea.acme.co.uk", "emea.acme.co.uk"},
    {"http://[::1]/", NULL},
    {"http://[2001:db8::1]:8080/", NULL},
    {"http://1.2.3.4/", NULL},
    {"10.0.0.1:80", NULL},
    {"http://localhost:8080/", NULL},
    {"localhost", NULL},
    {"", NULL},
    {"   ", NULL},
    {"http://", NULL},
    {"acme", NULL},
    {"Acme Corporation", NULL},
    {"acme .com", NULL},
    {"n/a", NULL},
    {"acme.com:http", NULL},
    {"acme..com", NULL},
    {"acme.com..", NULL},
};

START_TEST(url_host_shapes)
{
    const struct host_case *c = &url_cases[_i];
    check_host_case(l2a_dom_url_host(dom, c->input, strlen(c->input), &out), c);
}
END_TEST

START_TEST(explicit_length_is_respected)
{
    ck_assert_int_eq(l2a_dom_url_host(dom, "acme.comXYZ", 8, &out), L2A_OK);
    ck_assert_str_eq(l2a_buf_str(&out), "acme.com");
    ck_assert_int_eq(l2a_dom_email_host(dom, "j@acme.org and more", 10, &out), L2A_OK);
    ck_assert_str_eq(l2a_buf_str(&out), "acme.org");
    ck_assert_int_eq(l2a_dom_url_host(dom, "acme.com", L2A_NTS, &out), L2A_OK);
    ck_assert_str_eq(l2a_buf_str(&out), "acme.com");
}
END_TEST

START_TEST(a_nul_byte_inside_is_refused)
{
    ck_assert_int_eq(l2a_dom_url_host(dom, "acme\0.com", 9, &out), L2A_ERR_NOT_FOUND);
    ck_assert_int_eq(l2a_dom_email_host(dom, "j@acme.com\0", 11, &out), L2A_ERR_NOT_FOUND);
}
END_TEST

static void fill(char *s, size_t n, char c)
{
    memset(s, c, n);
    s[n] = '\0';
}

/* "\xC3\xBC." + three labels of 61 + one of `last` + ".com": 8 + 186 + last + 1 + 3 bytes as ASCII. */
static void idn_host(char *host, size_t last)
{
    strcpy(host, "\xC3\xBC.");
    for (int i = 0; i < 3; i++) {
        fill(host + strlen(host), 61, (char)('a' + i));
        strcat(host, ".");
    }
    fill(host + strlen(host), last, 'e');
    strcat(host, ".com");
}

START_TEST(label_and_host_length_limits)
{
    char host[400];

    /* 63 bytes is the longest label. */
    fill(host, 63, 'a');
    strcat(host, ".com");
    ck_assert_int_eq(l2a_dom_url_host(dom, host, strlen(host), &out), L2A_OK);
    ck_assert_str_eq(l2a_buf_str(&out), host);
    fill(host, 64, 'a');
    strcat(host, ".com");
    ck_assert_int_eq(l2a_dom_url_host(dom, host, strlen(host), &out), L2A_ERR_NOT_FOUND);

    /* 4 labels of 61 + ".com" = 4 * 62 + 3 = 251; one more "a." makes 253, then 255. */
    host[0] = '\0';
    for (int i = 0; i < 4; i++) {
        fill(host + strlen(host), 61, (char)('a' + i));
        strcat(host, ".");
    }
    strcat(host, "com");
    ck_assert_uint_eq(strlen(host), 251);
    ck_assert_int_eq(l2a_dom_url_host(dom, host, strlen(host), &out), L2A_OK);
    memmove(host + 2, host, strlen(host) + 1);
    memcpy(host, "x.", 2);
    ck_assert_uint_eq(strlen(host), 253);
    ck_assert_int_eq(l2a_dom_url_host(dom, host, strlen(host), &out), L2A_OK);
    ck_assert_uint_eq(out.len, 253);
    memmove(host + 2, host, strlen(host) + 1);
    memcpy(host, "y.", 2);
    ck_assert_int_eq(l2a_dom_url_host(dom, host, strlen(host), &out), L2A_ERR_NOT_FOUND);
    /* "\xC3\xBC" (u-umlaut) becomes "xn--tda": the IDN path must apply the limit after conversion. */
    idn_host(host, 55);
    ck_assert_int_eq(l2a_dom_url_host(dom, host, strlen(host), &out), L2A_OK);
    ck_assert_uint_eq(out.len, 253);
    ck_assert_int_eq(strncmp(l2a_buf_str(&out), "xn--tda.", 8), 0);
    idn_host(host, 56);
    ck_assert_int_eq(l2a_dom_url_host(dom, host, strlen(host), &out), L2A_ERR_NOT_FOUND);
    /* Far more than ICU's output buffer holds. */
    host[0] = '\0';
    for (int i = 0; i < 30; i++)
        strcat(host, "abcdefghij.");
    strcat(host, "\xC3\xBC.com");
    ck_assert_int_eq(l2a_dom_url_host(dom, host, strlen(host), &out), L2A_ERR_NOT_FOUND);
}
END_TEST

/* ---- malformed UTF-8 never crashes and never yields a host ---- */

static const char *const bad_utf8[] = {
    "acme\xFF.com",
    "jane@acme\xC3.com",
    "jane@\xC0\xAF" "acme.com",      /* overlong '/' */
    "http://\xED\xA0\x80.com",       /* surrogate */
    "jane@b\xC3\xBC" "cher\xF4\x90\x80\x80.de", /* above U+10FFFF */
    "\xE2\x82",
    "\x80\x80\x80@\x80\x80.\x80",
};

START_TEST(invalid_utf8_is_not_found)
{
    const char *s = bad_utf8[_i];

    ck_assert_int_eq(l2a_dom_url_host(dom, s, strlen(s), &out), L2A_ERR_NOT_FOUND);
    ck_assert_int_eq(l2a_dom_email_host(dom, s, strlen(s), &out), L2A_ERR_NOT_FOUND);
    ck_assert_int_eq(l2a_dom_registrable(dom, s, &out), L2A_ERR_NOT_FOUND);
    ck_assert_int_eq(l2a_dom_kind(dom, s), L2A_DOMAIN_ORDINARY);
    ck_assert_int_eq(l2a_dom_add_freemail(dom, s, strlen(s)), L2A_ERR_INVALID_ARGUMENT);
}
END_TEST

/* ---- registrable domains ---- */

static const struct host_case registrable_cases[] = {
    {"emea.acme.co.uk", "acme.co.uk"},
    {"www.bbc.co.uk", "bbc.co.uk"},
    {"acme.com", "acme.com"},
    {"www.acme.com", "acme.com"},
    {"a.b.c.acme.com", "acme.com"},
    {"foo.github.io", "foo.github.io"}, /* github.io is itself a public suffix */
    {"www.foo.github.io", "foo.github.io"},
    {"shop.acme.com.au", "acme.com.au"},
    {"research.tokyo-u.ac.jp", "tokyo-u.ac.jp"},
    {"WWW.ACME.DE.", "acme.de"},
    {"xn--bcher-kva.de", "xn--bcher-kva.de"},
    {"www.bücher.de", "xn--bcher-kva.de"},
    {"co.uk", NULL},
    {"com", NULL},
    {"github.io", NULL},
    {"1.2.3.4", NULL},
    {"", NULL},
    {"acme..com", NULL},
};

START_TEST(registrable_domains)
{
    const struct host_case *c = &registrable_cases[_i];
    check_host_case(l2a_dom_registrable(dom, c->input, &out), c);
}
END_TEST

/* ---- registrable domains of one account's values ---- */

/*
 * What l2a_dom_value_registrable() must give: the registrable domain of
 * the value's host, "" when there is none.
 */
static void reference_registrable(const char *value, char *want, size_t cap)
{
    l2a_buf host = L2A_BUF_INIT, reg = L2A_BUF_INIT;

    want[0] = '\0';
    if (l2a_dom_any_host(dom, value, strlen(value), &host) == L2A_OK &&
        l2a_dom_registrable(dom, l2a_buf_str(&host), &reg) == L2A_OK)
        snprintf(want, cap, "%s", l2a_buf_str(&reg));
    l2a_buf_free(&host);
    l2a_buf_free(&reg);
}

static void assert_value_registrable(const char *value, l2a_dom_seen *seen)
{
    char want[300];
    int rc = l2a_dom_value_registrable(dom, value, strlen(value), seen, &out);

    reference_registrable(value, want, sizeof want);
    if (want[0]) {
        ck_assert_msg(rc == L2A_OK, "'%s': rc %d, expected %s", value, rc, want);
        ck_assert_str_eq(l2a_buf_str(&out), want);
    } else {
        ck_assert_msg(rc == L2A_ERR_NOT_FOUND, "'%s': rc %d (%s), expected none", value, rc,
                      l2a_buf_str(&out));
        ck_assert_uint_eq(out.len, 0);
    }
}

/* Hosts where libpsl's answer for a suffix is not the answer for the whole. */
static const char *const account_values[] = {
    "https://www.acme.com/", "acme.com", "www.acme.com", "http://shop.acme.co.uk/x",
    "acme.co.uk", "co.uk", "uk", "city.kobe.jp", "b.c.kobe.jp", "c.kobe.jp", "kobe.jp",
    "www.ck", "a.www.ck", "ck", "foo.github.io", "www.foo.github.io", "github.io",
    "bucket.s3.amazonaws.com", "s3.amazonaws.com", "amazonaws.com", "a.b.example.uk.com",
    "example.uk.com", "uk.com", "xn--bcher-kva.de", "www.xn--bcher-kva.de", "www.bücher.de",
    "bücher.de", "jane@emea.acme.co.uk", "mailto:jane@acme.com", "WWW.ACME.COM.", "1.2.3.4",
    "not a host", "", "acme..com", "[::1]", "\xFF.com",
};

START_TEST(value_registrable_follows_from_the_seen_value)
{
    size_t n = sizeof account_values / sizeof account_values[0], i, j;

    for (i = 0; i < n; i++) {
        l2a_dom_seen seen;
        l2a_dom_seen_init(&seen);
        assert_value_registrable(account_values[i], NULL);
        assert_value_registrable(account_values[i], &seen);
        for (j = 0; j < n; j++)
            assert_value_registrable(account_values[j], &seen);
        /* the seen value again, now replayed */
        assert_value_registrable(account_values[i], &seen);
    }
}
END_TEST

START_TEST(value_registrable_refuses_null_arguments)
{
    ck_assert_int_eq(l2a_dom_value_registrable(NULL, "acme.com", 8, NULL, &out),
                     L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_dom_value_registrable(dom, NULL, 0, NULL, &out),
                     L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_dom_value_registrable(dom, "acme.com", 8, NULL, NULL),
                     L2A_ERR_INVALID_ARGUMENT);
}
END_TEST

/* ---- either shape ---- */

static const struct host_case any_cases[] = {
    {"jane@acme.com", "acme.com"},
    {"http://user@shop.example.org/", "shop.example.org"},
    {"https://user:pw@Acme.COM/x@y", "acme.com"},
    {"www.acme.com", "www.acme.com"},
    {"Jane <jane@emea.acme.co.uk>", "emea.acme.co.uk"},
    {"not a host", NULL},
};

START_TEST(any_host_tells_emails_from_urls)
{
    const struct host_case *c = &any_cases[_i];
    check_host_case(l2a_dom_any_host(dom, c->input, strlen(c->input), &out), c);
}
END_TEST

/* ---- kinds ---- */

struct kind_case {
    const char *domain;
    l2a_domain_kind kind;
};

static const struct kind_case kind_cases[] = {
    {"gmail.com", L2A_DOMAIN_FREEMAIL},
    {"GMAIL.COM", L2A_DOMAIN_FREEMAIL},
    {"gmail.com.", L2A_DOMAIN_FREEMAIL},
    {"googlemail.com", L2A_DOMAIN_FREEMAIL},
    {"yahoo.co.uk", L2A_DOMAIN_FREEMAIL},
    {"mail.yahoo.co.uk", L2A_DOMAIN_FREEMAIL},
    {"yahoo.co.jp", L2A_DOMAIN_FREEMAIL},
    {"hotmail.fr", L2A_DOMAIN_FREEMAIL},
    {"outlook.com", L2A_DOMAIN_FREEMAIL},
    {"icloud.com", L2A_DOMAIN_FREEMAIL},
    {"proton.me", L2A_DOMAIN_FREEMAIL},
    {"gmx.de", L2A_DOMAIN_FREEMAIL},
    {"web.de", L2A_DOMAIN_FREEMAIL},
    {"mail.ru", L2A_DOMAIN_FREEMAIL},
    {"qq.com", L2A_DOMAIN_FREEMAIL},
    {"vip.qq.com", L2A_DOMAIN_FREEMAIL},
    {"163.com", L2A_DOMAIN_FREEMAIL},
    {"naver.com", L2A_DOMAIN_FREEMAIL},
    {"uol.com.br", L2A_DOMAIN_FREEMAIL},
    {"i.ua", L2A_DOMAIN_FREEMAIL},
    {"walla.co.il", L2A_DOMAIN_FREEMAIL},
    {"mailinator.com", L2A_DOMAIN_DISPOSABLE},
    {"eu.mailinator.com", L2A_DOMAIN_DISPOSABLE},
    {"yopmail.fr", L2A_DOMAIN_DISPOSABLE},
    {"guerrillamail.de", L2A_DOMAIN_DISPOSABLE},
    {"10minutemail.com", L2A_DOMAIN_DISPOSABLE},
    {"sharklasers.com", L2A_DOMAIN_DISPOSABLE},
    {"acme.com", L2A_DOMAIN_ORDINARY},
    {"adobe.com", L2A_DOMAIN_ORDINARY},
    {"notgmail.com", L2A_DOMAIN_ORDINARY},
    {"gmail.co", L2A_DOMAIN_ORDINARY},
    {"gmail.com.evil.org", L2A_DOMAIN_ORDINARY},
    {"google.com", L2A_DOMAIN_ORDINARY},
    {"co.uk", L2A_DOMAIN_ORDINARY},
    {"", L2A_DOMAIN_ORDINARY},
};

START_TEST(kinds)
{
    const struct kind_case *c = &kind_cases[_i];
    ck_assert_msg(l2a_dom_kind(dom, c->domain) == c->kind, "%s: kind %d, expected %d", c->domain,
                  (int)l2a_dom_kind(dom, c->domain), (int)c->kind);
}
END_TEST

/* The one-lookup path of a person's host against l2a_dom_registrable() then l2a_dom_kind(). */
static void check_registrable_kind(const char *email)
{
    l2a_buf host = L2A_BUF_INIT, want = L2A_BUF_INIT;
    l2a_domain_kind kind, want_kind = L2A_DOMAIN_ORDINARY;
    int rc, want_rc;

    if (l2a_dom_email_host(dom, email, strlen(email), &host) != L2A_OK) {
        l2a_buf_free(&host);
        return;
    }
    want_rc = l2a_dom_registrable(dom, l2a_buf_str(&host), &want);
    if (want_rc == L2A_OK)
        want_kind = l2a_dom_kind(dom, l2a_buf_str(&host));
    rc = l2a_dom_host_registrable_kind(dom, l2a_buf_str(&host), host.len, &out, &kind);
    ck_assert_msg(rc == want_rc, "%s: rc %d, expected %d", email, rc, want_rc);
    ck_assert_msg(kind == want_kind, "%s: kind %d, expected %d", email, (int)kind, (int)want_kind);
    if (rc == L2A_OK)
        ck_assert_str_eq(l2a_buf_str(&out), l2a_buf_str(&want));
    l2a_buf_free(&host);
    l2a_buf_free(&want);
}

START_TEST(registrable_kind_in_one_lookup)
{
    static const char *const more[] = {"x@mail.yahoo.co.uk", "x@eu.mailinator.com", "x@vip.qq.com",
                                       "x@xn--bcher-kva.de", "x@mail.xn--bcher-kva.de",
                                       "x@bücher.de", "x@co.uk", "x@a.b.c.acme.co.uk",
                                       "x@WWW.GMAIL.COM", "x@gmail.com."};
    char email[300];

    for (size_t i = 0; i < sizeof email_cases / sizeof email_cases[0]; i++)
        check_registrable_kind(email_cases[i].input);
    for (size_t i = 0; i < sizeof kind_cases / sizeof kind_cases[0]; i++) {
        snprintf(email, sizeof email, "x@%s", kind_cases[i].domain);
        check_registrable_kind(email);
        snprintf(email, sizeof email, "x@mail.%s", kind_cases[i].domain);
        check_registrable_kind(email);
    }
    for (size_t i = 0; i < sizeof more / sizeof more[0]; i++)
        check_registrable_kind(more[i]);
    ck_assert_int_eq(l2a_dom_host_registrable_kind(NULL, "acme.com", 8, &out, &(l2a_domain_kind){0}),
                     L2A_ERR_INVALID_ARGUMENT);
}
END_TEST

START_TEST(added_domains_are_normalized)
{
    ck_assert_int_eq(l2a_dom_kind(dom, "example.org"), L2A_DOMAIN_ORDINARY);
    ck_assert_int_eq(l2a_dom_add_freemail(dom, " Example.ORG. ", L2A_NTS), L2A_OK);
    ck_assert_int_eq(l2a_dom_kind(dom, "example.org"), L2A_DOMAIN_FREEMAIL);
    ck_assert_int_eq(l2a_dom_kind(dom, "mx.example.org"), L2A_DOMAIN_FREEMAIL);
    ck_assert_int_eq(l2a_dom_kind(dom, "example.net"), L2A_DOMAIN_ORDINARY);

    ck_assert_int_eq(l2a_dom_add_freemail(dom, "BÜCHER.de", strlen("BÜCHER.de")), L2A_OK);
    ck_assert_int_eq(l2a_dom_kind(dom, "xn--bcher-kva.de"), L2A_DOMAIN_FREEMAIL);
    ck_assert_int_eq(l2a_dom_kind(dom, "bücher.de"), L2A_DOMAIN_FREEMAIL);

    /* Adding twice is harmless. */
    ck_assert_int_eq(l2a_dom_add_freemail(dom, "example.org", L2A_NTS), L2A_OK);
    ck_assert_int_eq(l2a_dom_kind(dom, "example.org"), L2A_DOMAIN_FREEMAIL);
}
END_TEST

START_TEST(adding_what_is_not_a_domain_fails)
{
    ck_assert_int_eq(l2a_dom_add_freemail(dom, "", 0), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_dom_add_freemail(dom, "localhost", L2A_NTS), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_dom_add_freemail(dom, "a b.com", L2A_NTS), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_dom_add_freemail(dom, "1.2.3.4", L2A_NTS), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_dom_add_freemail(dom, NULL, 3), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_dom_add_freemail(NULL, "a.com", 5), L2A_ERR_INVALID_ARGUMENT);
}
END_TEST

START_TEST(many_added_domains_are_all_found)
{
    char name[64];
    int i;

    for (i = 0; i < 5000; i++) {
        snprintf(name, sizeof name, "provider%d.example", i);
        ck_assert_int_eq(l2a_dom_add_freemail(dom, name, strlen(name)), L2A_OK);
    }
    for (i = 0; i < 5000; i++) {
        snprintf(name, sizeof name, "provider%d.example", i);
        ck_assert_int_eq(l2a_dom_kind(dom, name), L2A_DOMAIN_FREEMAIL);
    }
    ck_assert_int_eq(l2a_dom_kind(dom, "provider5000.example"), L2A_DOMAIN_ORDINARY);
    ck_assert_int_eq(l2a_dom_kind(dom, "provider1.exampl"), L2A_DOMAIN_ORDINARY);
}
END_TEST

START_TEST(null_arguments)
{
    ck_assert_int_eq(l2a_dom_new(NULL), L2A_ERR_INVALID_ARGUMENT);
    l2a_dom_free(NULL);
    ck_assert_int_eq(l2a_dom_url_host(NULL, "acme.com", 8, &out), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_dom_url_host(dom, "acme.com", 8, NULL), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_dom_email_host(dom, NULL, 0, &out), L2A_ERR_NOT_FOUND);
    ck_assert_int_eq(l2a_dom_url_host(dom, NULL, 0, &out), L2A_ERR_NOT_FOUND);
    ck_assert_int_eq(l2a_dom_registrable(dom, NULL, &out), L2A_ERR_NOT_FOUND);
    ck_assert_int_eq(l2a_dom_registrable(NULL, "acme.com", &out), L2A_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(l2a_dom_kind(dom, NULL), L2A_DOMAIN_ORDINARY);
    ck_assert_int_eq(l2a_dom_kind(NULL, "gmail.com"), L2A_DOMAIN_ORDINARY);
}
END_TEST

/* ---- the built-in tables ---- */

static void check_table(l2a_domain_kind kind, size_t at_least)
{
    size_t n = l2a_freemail_builtin_count(kind), i;

    ck_assert_uint_ge(n, at_least);
    ck_assert_ptr_null(l2a_freemail_builtin_at(kind, n));
    for (i = 0; i < n; i++) {
        const char *name = l2a_freemail_builtin_at(kind, i);
        /* bsearch needs strict strcmp order, which also rules out duplicates. */
        if (i > 0)
            ck_assert_msg(strcmp(l2a_freemail_builtin_at(kind, i - 1), name) < 0,
                          "table out of order at %s", name);
        ck_assert_uint_le(strlen(name), L2A_FREEMAIL_NAME_MAX);
        /* Every row must already be what normalization produces, or it could never match. */
        ck_assert_int_eq(l2a_dom_url_host(dom, name, strlen(name), &out), L2A_OK);
        ck_assert_str_eq(l2a_buf_str(&out), name);
        ck_assert_int_eq(l2a_freemail_builtin_kind(name), kind);
    }
}

START_TEST(freemail_table_is_sorted_and_normalized)
{
    check_table(L2A_DOMAIN_FREEMAIL, 250);
}
END_TEST

START_TEST(disposable_table_is_sorted_and_normalized)
{
    check_table(L2A_DOMAIN_DISPOSABLE, 50);
    ck_assert_uint_eq(l2a_freemail_builtin_count(L2A_DOMAIN_ORDINARY), 0);
    ck_assert_ptr_null(l2a_freemail_builtin_at(L2A_DOMAIN_ORDINARY, 0));
}
END_TEST

/*
 * The ASCII fast path must agree with UTS #46 itself: run the same hosts
 * through ICU here and compare.
 */
static const char *const ascii_hosts[] = {
    "acme.com", "WWW.Acme.COM", "a-b.c-d.org", "ab--cd.com", "x.y.z.example", "acme.com.",
    "A1.B2.example", "xn--bcher-kva.de", "XN--BCHER-KVA.DE", "abc.xn--p1ai", "123abc.com",
};

START_TEST(ascii_fast_path_agrees_with_uts46)
{
    UErrorCode status = U_ZERO_ERROR;
    UIDNA *idna = uidna_openUTS46(UIDNA_NONTRANSITIONAL_TO_ASCII | UIDNA_CHECK_BIDI | UIDNA_CHECK_CONTEXTJ,
                                  &status);
    size_t i;

    ck_assert(U_SUCCESS(status));
    for (i = 0; i < sizeof ascii_hosts / sizeof ascii_hosts[0]; i++) {
        UIDNAInfo info = UIDNA_INFO_INITIALIZER;
        char icu[300];
        int32_t n;

        status = U_ZERO_ERROR;
        n = uidna_nameToASCII_UTF8(idna, ascii_hosts[i], -1, icu, (int32_t)sizeof icu, &info, &status);
        ck_assert(U_SUCCESS(status) && n > 0 && n < (int32_t)sizeof icu);
        if (icu[n - 1] == '.')
            n--;
        icu[n] = '\0';
        ck_assert_msg((info.errors & ~(uint32_t)UIDNA_ERROR_HYPHEN_3_4) == 0, "%s", ascii_hosts[i]);
        ck_assert_int_eq(l2a_dom_url_host(dom, ascii_hosts[i], strlen(ascii_hosts[i]), &out), L2A_OK);
        ck_assert_str_eq(l2a_buf_str(&out), icu);
    }
    uidna_close(idna);
}
END_TEST

/* ---- concurrency ---- */

static const char *const thread_inputs[] = {
    "jane@acme.com", "https://www.bücher.de/x", "joe@mail.yahoo.co.uk", "emea.acme.co.uk",
    "foo.github.io", "x@mailinator.com", "http://user@münchen.de:80", "co.uk", "n/a",
    "ops@vip.qq.com", "www.bbc.co.uk", "jane@[1.2.3.4]", "ñandú.com.ar", "sales@example.org",
};
#define THREAD_INPUTS (sizeof thread_inputs / sizeof thread_inputs[0])
#define THREADS 8
#define ROUNDS 300

struct outcome {
    int rc;
    char host[260];
    char registrable[260];
    l2a_domain_kind kind;
};

/* Everything the module answers for one input, with buffers of the caller's own. */
static int compute_outcome(const char *input, struct outcome *o)
{
    l2a_buf host = L2A_BUF_INIT, reg = L2A_BUF_INIT;
    int rc = strchr(input, '@') ? l2a_dom_email_host(dom, input, strlen(input), &host)
                                : l2a_dom_url_host(dom, input, strlen(input), &host);

    memset(o, 0, sizeof *o);
    o->rc = rc;
    if (rc == L2A_OK) {
        snprintf(o->host, sizeof o->host, "%s", l2a_buf_str(&host));
        if (l2a_dom_registrable(dom, o->host, &reg) == L2A_OK)
            snprintf(o->registrable, sizeof o->registrable, "%s", l2a_buf_str(&reg));
        o->kind = l2a_dom_kind(dom, o->host);
    }
    l2a_buf_free(&host);
    l2a_buf_free(&reg);
    return rc;
}

static struct outcome expected_outcomes[THREAD_INPUTS];

static void *lookup_worker(void *arg)
{
    size_t *mismatches = arg, round, i;
    struct outcome o;

    for (round = 0; round < ROUNDS; round++) {
        for (i = 0; i < THREAD_INPUTS; i++) {
            compute_outcome(thread_inputs[i], &o);
            if (memcmp(&o, &expected_outcomes[i], sizeof o) != 0)
                (*mismatches)++;
        }
    }
    return NULL;
}

START_TEST(threads_agree_with_one_thread)
{
    pthread_t threads[THREADS];
    size_t mismatches[THREADS] = {0};
    size_t i, found = 0;

    ck_assert_int_eq(l2a_dom_add_freemail(dom, "example.org", L2A_NTS), L2A_OK);
    for (i = 0; i < THREAD_INPUTS; i++)
        if (compute_outcome(thread_inputs[i], &expected_outcomes[i]) == L2A_OK)
            found++;
    /* The inputs mix hosts and failures; make sure both are exercised. */
    ck_assert_uint_gt(found, 8);
    ck_assert_uint_lt(found, THREAD_INPUTS);
    ck_assert_int_eq(expected_outcomes[2].kind, L2A_DOMAIN_FREEMAIL);
    ck_assert_int_eq(expected_outcomes[13].kind, L2A_DOMAIN_FREEMAIL);
    for (i = 0; i < THREADS; i++)
        ck_assert_int_eq(pthread_create(&threads[i], NULL, lookup_worker, &mismatches[i]), 0);
    for (i = 0; i < THREADS; i++) {
        ck_assert_int_eq(pthread_join(threads[i], NULL), 0);
        ck_assert_uint_eq(mismatches[i], 0);
    }
}
END_TEST

/* ---- the table against the public free-mail list (shared data) ---- */

struct name_list {
    char **names;
    size_t count;
};

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *text = NULL;
    long size;

    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
        text = malloc((size_t)size + 1);
        if (text && fread(text, 1, (size_t)size, f) == (size_t)size) {
            text[size] = '\0';
        } else {
            free(text);
            text = NULL;
        }
    }
    fclose(f);
    return text;
}

/* The strings of a flat JSON array of plain strings, sorted. */
static struct name_list read_json_strings(const char *path)
{
    struct name_list list = {NULL, 0};
    char *text = read_file(path), *p;
    size_t cap = 0;

    ck_assert_msg(text != NULL, "cannot read %s", path);
    for (p = strchr(text, '"'); p; p = strchr(p + 1, '"')) {
        char *end = strchr(p + 1, '"');
        ck_assert_ptr_nonnull(end);
        if (list.count == cap) {
            cap = cap ? cap * 2 : 1024;
            list.names = realloc(list.names, cap * sizeof *list.names);
            ck_assert_ptr_nonnull(list.names);
        }
        *end = '\0';
        list.names[list.count] = strdup(p + 1);
        ck_assert_ptr_nonnull(list.names[list.count]);
        list.count++;
        p = end;
    }
    free(text);
    qsort(list.names, list.count, sizeof *list.names, compare_strings);
    return list;
}

static bool list_holds(const struct name_list *list, const char *name)
{
    return bsearch(&name, list->names, list->count, sizeof *list->names, compare_strings) != NULL;
}

static void free_list(struct name_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->names[i]);
    free(list->names);
}

static const char *const major_providers[] = {
    "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "yahoo.co.jp", "ymail.com",
    "outlook.com", "hotmail.com", "hotmail.co.uk", "live.com", "msn.com", "icloud.com", "me.com",
    "mac.com", "aol.com", "protonmail.com", "gmx.de", "gmx.net", "web.de", "t-online.de",
    "orange.fr", "free.fr", "libero.it", "mail.ru", "yandex.ru", "qq.com", "163.com", "126.com",
    "naver.com", "hanmail.net", "rediffmail.com", "seznam.cz", "wp.pl", "bol.com.br", "uol.com.br",
    "comcast.net", "btinternet.com", "bigpond.com", "zoho.com", "mail.com",
};

START_TEST(major_providers_are_in_public_freemail_list)
{
    const char *path = l2a_test_data_path("raw/email_domains/kikobeats_free_email_domains.json");
    struct name_list list;
    size_t i, n, covered = 0;

    if (!path) {
        printf("skipped: shared data absent, free-mail list not checked\n");
        return;
    }
    list = read_json_strings(path);
    ck_assert_uint_gt(list.count, 1000);
    for (i = 0; i < sizeof major_providers / sizeof major_providers[0]; i++) {
        ck_assert_int_eq(l2a_freemail_builtin_kind(major_providers[i]), L2A_DOMAIN_FREEMAIL);
        ck_assert_msg(list_holds(&list, major_providers[i]), "%s is not in the public list",
                      major_providers[i]);
    }
    n = l2a_freemail_builtin_count(L2A_DOMAIN_FREEMAIL);
    for (i = 0; i < n; i++)
        covered += list_holds(&list, l2a_freemail_builtin_at(L2A_DOMAIN_FREEMAIL, i));
    printf("free-mail table: %zu of %zu entries (%.0f%%) are in the public list of %zu domains\n",
           covered, n, 100.0 * (double)covered / (double)n, list.count);
    /* Regional ISPs the public list lacks are expected; most entries must still be there. */
    ck_assert_uint_ge(covered * 10, n * 6);
    free_list(&list);
}
END_TEST

Suite *l2a_test_suite(void)
{
    Suite *s = suite_create("domain");
    TCase *hosts = tcase_create("hosts");
    TCase *domains = tcase_create("domains");
    TCase *tables = tcase_create("tables");
    TCase *threads = tcase_create("threads");

    tcase_add_checked_fixture(hosts, setup, teardown);
    tcase_add_loop_test(hosts, email_host_shapes, 0, sizeof email_cases / sizeof email_cases[0]);
    tcase_add_loop_test(hosts, url_host_shapes, 0, sizeof url_cases / sizeof url_cases[0]);
    tcase_add_loop_test(hosts, invalid_utf8_is_not_found, 0, sizeof bad_utf8 / sizeof bad_utf8[0]);
    tcase_add_loop_test(hosts, any_host_tells_emails_from_urls, 0, sizeof any_cases / sizeof any_cases[0]);
    tcase_add_test(hosts, explicit_length_is_respected);
    tcase_add_test(hosts, a_nul_byte_inside_is_refused);
    tcase_add_test(hosts, label_and_host_length_limits);
    tcase_add_test(hosts, ascii_fast_path_agrees_with_uts46);
    tcase_add_test(hosts, null_arguments);
    suite_add_tcase(s, hosts);

    tcase_add_checked_fixture(domains, setup, teardown);
    tcase_add_loop_test(domains, registrable_domains, 0,
                        sizeof registrable_cases / sizeof registrable_cases[0]);
    tcase_add_loop_test(domains, kinds, 0, sizeof kind_cases / sizeof kind_cases[0]);
    tcase_add_test(domains, registrable_kind_in_one_lookup);
    tcase_add_test(domains, value_registrable_follows_from_the_seen_value);
    tcase_add_test(domains, value_registrable_refuses_null_arguments);
    tcase_add_test(domains, added_domains_are_normalized);
    tcase_add_test(domains, adding_what_is_not_a_domain_fails);
    tcase_add_test(domains, many_added_domains_are_all_found);
    suite_add_tcase(s, domains);

    tcase_add_checked_fixture(tables, setup, teardown);
    tcase_add_test(tables, freemail_table_is_sorted_and_normalized);
    tcase_add_test(tables, disposable_table_is_sorted_and_normalized);
    tcase_add_test(tables, major_providers_are_in_public_freemail_list);
    suite_add_tcase(s, tables);

    tcase_add_checked_fixture(threads, setup, teardown);
    tcase_add_test(threads, threads_agree_with_one_thread);
    suite_add_tcase(s, threads);
    return s;
}
