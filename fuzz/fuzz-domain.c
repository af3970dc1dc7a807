/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: hosts out of emails and URLs (src/domain.c with ICU UTS #46
 * and libpsl), registrable domains, the free-mail table.
 *
 * The first byte chooses how the rest is read; the checks, beyond "no crash,
 * no leak, no undefined behaviour":
 * - a host is lowercase LDH ASCII, at most 253 bytes, without a trailing dot;
 * - a registrable domain is the host itself or one of its dot-suffixes, and
 *   is its own registrable domain;
 * - the kind of a domain is one of the three kinds;
 * - a domain added to the free-mail set is then of a free-mail kind.
 */
#include <stdbool.h>
#include <string.h>

#include "domain.h"
#include "fuzz.h"
#include "l2a.h"

static l2a_domains *dom;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    if (l2a_dom_new(&dom) != L2A_OK)
        abort();
    return 0;
}

static bool is_host(const l2a_buf *h)
{
    size_t i;

    if (h->len == 0 || h->len > 253 || strlen(h->data) != h->len)
        return false;
    if (h->data[0] == '.' || h->data[h->len - 1] == '.')
        return false;
    for (i = 0; i < h->len; i++) {
        char c = h->data[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'))
            return false;
    }
    return true;
}

static void check_registrable(const l2a_buf *host)
{
    l2a_buf reg = L2A_BUF_INIT, again = L2A_BUF_INIT;
    int rc = l2a_dom_registrable(dom, host->data, &reg);
    l2a_domain_kind kind;

    FUZZ_CHECK(rc == L2A_OK || rc == L2A_ERR_NOT_FOUND || rc == L2A_ERR_NOMEM);
    if (rc == L2A_OK) {
        FUZZ_CHECK(is_host(&reg) && reg.len <= host->len);
        FUZZ_CHECK(memcmp(host->data + host->len - reg.len, reg.data, reg.len) == 0);
        FUZZ_CHECK(reg.len == host->len || host->data[host->len - reg.len - 1] == '.');
        FUZZ_CHECK(l2a_dom_registrable(dom, reg.data, &again) == L2A_OK);
        FUZZ_CHECK(again.len == reg.len && memcmp(again.data, reg.data, reg.len) == 0);
    }
    kind = l2a_dom_kind(dom, host->data);
    FUZZ_CHECK(kind == L2A_DOMAIN_ORDINARY || kind == L2A_DOMAIN_FREEMAIL ||
               kind == L2A_DOMAIN_DISPOSABLE);
    l2a_buf_free(&reg);
    l2a_buf_free(&again);
}

static void check_host(int rc, const l2a_buf *host)
{
    FUZZ_CHECK(rc == L2A_OK || rc == L2A_ERR_NOT_FOUND || rc == L2A_ERR_NOMEM ||
               rc == L2A_ERR_INVALID_ARGUMENT || rc == L2A_ERR_INVALID_UTF8 ||
               rc == L2A_ERR_INTERNAL);
    if (rc == L2A_OK) {
        FUZZ_CHECK(is_host(host));
        check_registrable(host);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    l2a_buf host = L2A_BUF_INIT;
    const char *in;
    unsigned mode;

    if (size == 0)
        return 0;
    mode = data[0] % 4;
    in = (const char *)data + 1;
    size--;

    switch (mode) {
    case 0: /* an email address */
        check_host(l2a_dom_email_host(dom, in, size, &host), &host);
        break;
    case 1: /* a website as people type it */
        check_host(l2a_dom_url_host(dom, in, size, &host), &host);
        break;
    case 2: { /* a host given straight to the PSL look-up (must be NUL-free) */
        char *copy = malloc(size + 1);
        l2a_buf reg = L2A_BUF_INIT;
        if (!copy)
            return 0;
        memcpy(copy, in, size);
        copy[size] = '\0';
        if (l2a_dom_registrable(dom, copy, &reg) == L2A_OK)
            FUZZ_CHECK(is_host(&reg));
        (void)l2a_dom_kind(dom, copy);
        l2a_buf_free(&reg);
        free(copy);
        break;
    }
    default: { /* a free-mail domain added by the host application */
        l2a_domains *own;
        int rc;
        if (l2a_dom_new(&own) != L2A_OK)
            abort();
        rc = l2a_dom_add_freemail(own, in, size);
        FUZZ_CHECK(rc == L2A_OK || rc == L2A_ERR_INVALID_ARGUMENT || rc == L2A_ERR_NOMEM ||
                   rc == L2A_ERR_INVALID_UTF8 || rc == L2A_ERR_INTERNAL);
        if (rc == L2A_OK && l2a_dom_url_host(own, in, size, &host) == L2A_OK)
            FUZZ_CHECK(l2a_dom_kind(own, host.data) != L2A_DOMAIN_ORDINARY);
        l2a_dom_free(own);
        break;
    }
    }
    l2a_buf_free(&host);
    return 0;
}
