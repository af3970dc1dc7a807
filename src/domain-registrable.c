/* SPDX-License-Identifier: MIT */
/*
 * Registrable domains (libpsl) and free-mail kinds of the hosts domain.c
 * normalizes, and the free-mail domains a host adds.
 */
#include "domain-private.h"

#include <string.h>

#include "l2a.h"

/* ---- registrable domains and kinds ---- */

static int normalize_c_string(const l2a_domains *d, const char *text, char *out, size_t *out_len)
{
    struct span s;

    if (!l2a_dom_open_input(text, L2A_NTS, &s))
        return L2A_ERR_NOT_FOUND;
    return l2a_dom_normalize_host(d, s, out, out_len);
}

int l2a_dom_registrable(const l2a_domains *d, const char *host, l2a_buf *out)
{
    char ascii[HOST_BUF];
    const char *registrable;
    size_t n;
    int rc;

    if (!d || !out)
        return L2A_ERR_INVALID_ARGUMENT;
    /* Callers pass normalized hosts; normalizing again makes stray case or dots harmless. */
    rc = normalize_c_string(d, host, ascii, &n);
    if (rc != L2A_OK) {
        l2a_buf_reset(out);
        return rc;
    }
    registrable = psl_registrable_domain(d->psl, ascii);
    if (!registrable) {
        l2a_buf_reset(out);
        return L2A_ERR_NOT_FOUND;
    }
    return l2a_buf_set(out, registrable, strlen(registrable));
}

/* ---- registrable domains of one account's values ---- */

/*
 * The registrable domain of a host l2a_dom_normalize_host() wrote. Without ACE
 * labels it would come out of l2a_dom_normalize_host() again unchanged, so it goes
 * to libpsl as it is; an ACE host takes the whole path of
 * l2a_dom_registrable(), UTS #46 included.
 */
static int host_registrable(const l2a_domains *d, const char *host, bool ace, l2a_buf *out)
{
    const char *registrable;

    if (ace)
        return l2a_dom_registrable(d, host, out);
    registrable = psl_registrable_domain(d->psl, host);
    if (!registrable) {
        l2a_buf_reset(out);
        return L2A_ERR_NOT_FOUND;
    }
    return l2a_buf_set(out, registrable, strlen(registrable));
}

/* True when `inner` is `outer` or ends it after a dot: "acme.com" in "www.acme.com". */
static bool is_label_suffix(const char *inner, size_t inner_len, const char *outer,
                            size_t outer_len)
{
    return inner_len <= outer_len &&
           memcmp(outer + outer_len - inner_len, inner, inner_len) == 0 &&
           (inner_len == outer_len || outer[outer_len - inner_len - 1] == '.');
}

/*
 * libpsl walks through a host's suffixes, each answer fixed by the suffix
 * alone, until the public suffix; the registrable domain is the suffix
 * before it. A suffix of the seen host that still holds the seen host's
 * registrable domain goes through the same steps to the same answer:
 * "acme.com" of "www.acme.com", or "acme.co.uk" of "shop.acme.co.uk".
 * Both hosts must be without ACE labels, so that libpsl got them as they are.
 */
static bool derives_from_seen(const l2a_dom_seen *seen, const char *host, size_t len)
{
    return seen->host_len > 0 && seen->rc == L2A_OK &&
           is_label_suffix(host, len, seen->host, seen->host_len) &&
           is_label_suffix(seen->registrable, seen->registrable_len, host, len);
}

static int replay_seen(const l2a_dom_seen *seen, l2a_buf *out)
{
    if (seen->rc != L2A_OK) {
        l2a_buf_reset(out);
        return seen->rc;
    }
    return l2a_buf_set(out, seen->registrable, seen->registrable_len);
}

/* host_len is 0 when there is no host to derive others from. */
static void remember(l2a_dom_seen *seen, const char *text, size_t len, const char *host,
                     size_t host_len, int rc, const l2a_buf *registrable)
{
    seen->set = true;
    seen->text_len = len <= sizeof seen->text ? len : 0;
    memcpy(seen->text, text, seen->text_len);
    seen->rc = rc;
    seen->registrable_len = 0;
    if (rc == L2A_OK) {
        /* A registrable domain is a suffix of its host: both fit. */
        memcpy(seen->registrable, registrable->data, registrable->len);
        seen->registrable_len = registrable->len;
    }
    memcpy(seen->host, host, host_len);
    seen->host_len = host_len;
}

void l2a_dom_seen_init(l2a_dom_seen *seen)
{
    seen->set = false;
    seen->text_len = 0;
    seen->rc = L2A_ERR_NOT_FOUND;
    seen->host_len = 0;
    seen->registrable_len = 0;
}

int l2a_dom_value_registrable(const l2a_domains *d, const char *text, size_t len,
                              l2a_dom_seen *seen, l2a_buf *out)
{
    char host[HOST_BUF];
    struct span s = {NULL, 0};
    bool ace = false;
    size_t n = 0;
    int rc;

    if (!d || !text || !out)
        return L2A_ERR_INVALID_ARGUMENT;
    if (seen && seen->set && seen->text_len == len && len > 0 &&
        memcmp(seen->text, text, len) == 0)
        return replay_seen(seen, out);
    rc = l2a_dom_any_host_text(text, len, &s) ? l2a_dom_normalize_host(d, s, host, &n) : L2A_ERR_NOT_FOUND;
    if (rc == L2A_OK) {
        struct span h = {host, n};
        ace = l2a_dom_has_ace_label(h);
        if (seen && !ace && derives_from_seen(seen, host, n))
            rc = l2a_buf_set(out, seen->registrable, seen->registrable_len);
        else
            rc = host_registrable(d, host, ace, out);
    }
    if (rc != L2A_OK)
        l2a_buf_reset(out);
    if (seen && !seen->set && (rc == L2A_OK || rc == L2A_ERR_NOT_FOUND))
        remember(seen, text, len, host, rc == L2A_OK && !ace ? n : 0, rc, out);
    return rc;
}

static l2a_domain_kind exact_kind(const l2a_domains *d, const char *domain)
{
    l2a_domain_kind kind = l2a_freemail_builtin_kind(domain);

    if (kind != L2A_DOMAIN_ORDINARY)
        return kind;
    if (l2a_freemail_set_contains(&d->added, domain, strlen(domain)))
        return L2A_DOMAIN_FREEMAIL;
    return L2A_DOMAIN_ORDINARY;
}

l2a_domain_kind l2a_dom_kind(const l2a_domains *d, const char *domain)
{
    char ascii[HOST_BUF];
    const char *registrable;
    l2a_domain_kind kind;
    size_t n;

    if (!d || normalize_c_string(d, domain, ascii, &n) != L2A_OK)
        return L2A_DOMAIN_ORDINARY;
    kind = exact_kind(d, ascii);
    if (kind != L2A_DOMAIN_ORDINARY)
        return kind;
    /* "mail.yahoo.co.uk" is Yahoo's whatever the subdomain. */
    registrable = psl_registrable_domain(d->psl, ascii);
    if (!registrable || registrable == ascii)
        return L2A_DOMAIN_ORDINARY;
    return exact_kind(d, registrable);
}

int l2a_dom_host_registrable_kind(const l2a_domains *d, const char *host, size_t len, l2a_buf *out,
                                  l2a_domain_kind *kind)
{
    struct span h = {host, len};
    const char *registrable;
    int rc;

    if (!d || !host || !out || !kind)
        return L2A_ERR_INVALID_ARGUMENT;
    *kind = L2A_DOMAIN_ORDINARY;
    /* ACE labels are checked on the way through UTS #46: the whole path. */
    if (l2a_dom_has_ace_label(h)) {
        rc = l2a_dom_registrable(d, host, out);
        if (rc == L2A_OK)
            *kind = l2a_dom_kind(d, host);
        return rc;
    }
    registrable = psl_registrable_domain(d->psl, host);
    if (!registrable) {
        l2a_buf_reset(out);
        return L2A_ERR_NOT_FOUND;
    }
    *kind = exact_kind(d, host);
    /* "mail.yahoo.co.uk" is Yahoo's whatever the subdomain. */
    if (*kind == L2A_DOMAIN_ORDINARY && registrable != host)
        *kind = exact_kind(d, registrable);
    return l2a_buf_set(out, registrable, strlen(registrable));
}

int l2a_dom_add_freemail(l2a_domains *d, const char *domain, size_t len)
{
    char ascii[HOST_BUF];
    struct span s;
    size_t n;
    int rc;

    if (!d || !domain || !l2a_dom_open_input(domain, len, &s))
        return L2A_ERR_INVALID_ARGUMENT;
    rc = l2a_dom_normalize_host(d, s, ascii, &n);
    if (rc == L2A_ERR_NOT_FOUND)
        return L2A_ERR_INVALID_ARGUMENT;
    if (rc != L2A_OK)
        return rc;
    return l2a_freemail_set_add(&d->added, ascii, n);
}

const char *l2a_dom_added_freemail(const l2a_domains *d, size_t *len)
{
    *len = d->added.names_len;
    return d->added.names ? d->added.names : "";
}
