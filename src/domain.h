/* SPDX-License-Identifier: MIT */
/*
 * Domains: hosts out of emails and URLs, registrable domains through the
 * Public Suffix List (libpsl), IDN through ICU UTS #46, and the free-mail /
 * disposable provider table. Knows nothing of names.
 */
#ifndef L2A_DOMAIN_H
#define L2A_DOMAIN_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

typedef struct l2a_domains l2a_domains;

typedef enum l2a_domain_kind {
    L2A_DOMAIN_ORDINARY = 0,
    L2A_DOMAIN_FREEMAIL = 1,
    L2A_DOMAIN_DISPOSABLE = 2
} l2a_domain_kind;

/* Opens UTS #46 and the built-in PSL. L2A_OK, L2A_ERR_NOMEM or L2A_ERR_INTERNAL. */
int l2a_dom_new(l2a_domains **out);
void l2a_dom_free(l2a_domains *d);

/*
 * Adds a domain (host or registrable domain, any case, IDN allowed) to the
 * free-mail set. Not thread-safe; call before lookups start.
 * L2A_OK, L2A_ERR_INVALID_ARGUMENT (not a domain), L2A_ERR_NOMEM.
 */
int l2a_dom_add_freemail(l2a_domains *d, const char *domain, size_t len);

/*
 * The host of an email address (after the last '@'), as lowercase ASCII
 * (IDN converted to punycode), without a trailing dot, into `host`.
 * L2A_OK, L2A_ERR_NOT_FOUND (no usable host), L2A_ERR_NOMEM.
 * Thread-safe, as are all lookups below.
 */
int l2a_dom_email_host(const l2a_domains *d, const char *email, size_t len, l2a_buf *host);

/*
 * The host of a URL in any shape people type: "acme.com", "www.acme.com",
 * "HTTPS://WWW.ACME.COM/about", "acme.com:443/", "http://user:pw@acme.com",
 * "acme.com.", "bücher.de". A leading "www." is kept (the registrable domain
 * drops it). L2A_OK, L2A_ERR_NOT_FOUND, L2A_ERR_NOMEM.
 */
int l2a_dom_url_host(const l2a_domains *d, const char *url, size_t len, l2a_buf *host);

/*
 * The host of whatever a person typed where a domain was expected: an email
 * address ("jane@acme.com") or a URL or host in any of the shapes above. A
 * value with "://" or a '/' is a URL even when it holds an '@'
 * ("http://user@acme.com/"); otherwise an '@' makes it an email.
 */
int l2a_dom_any_host(const l2a_domains *d, const char *text, size_t len, l2a_buf *host);

/*
 * The registrable domain (eTLD+1) of an ASCII host, per the PSL:
 * "emea.acme.co.uk" -> "acme.co.uk". L2A_ERR_NOT_FOUND when the host is a
 * public suffix itself, an IP address or malformed.
 */
int l2a_dom_registrable(const l2a_domains *d, const char *host, l2a_buf *out);

/* HOST_MAX bytes and a NUL. */
#define L2A_DOM_HOST_BYTES 254

/* Values up to this long are kept whole in l2a_dom_seen, to be answered again. */
#define L2A_DOM_SEEN_TEXT_BYTES 256

/*
 * The first value l2a_dom_value_registrable() was given for one account,
 * what it gave, and its host: the account's other values often repeat it
 * or are suffixes of its host ("https://www.acme.com/" then "acme.com"),
 * and their registrable domains then follow without libpsl.
 */
typedef struct l2a_dom_seen {
    bool set; /* false until a value is seen */
    char text[L2A_DOM_SEEN_TEXT_BYTES];
    size_t text_len; /* 0 when the value was too long to keep */
    int rc;          /* L2A_OK or L2A_ERR_NOT_FOUND */
    char host[L2A_DOM_HOST_BYTES];
    size_t host_len; /* 0 when the value had no host, or one with ACE labels */
    char registrable[L2A_DOM_HOST_BYTES];
    size_t registrable_len;
} l2a_dom_seen;

void l2a_dom_seen_init(l2a_dom_seen *seen);

/*
 * The registrable domain of whatever was typed where a domain was expected
 * into out: the answer l2a_dom_any_host() then l2a_dom_registrable() give,
 * L2A_ERR_NOT_FOUND when there is none. With seen non-NULL, the first value
 * is remembered there and spares libpsl for the values after it; one seen
 * serves the values of one account, best with the value of the longest host
 * first.
 */
int l2a_dom_value_registrable(const l2a_domains *d, const char *text, size_t len,
                              l2a_dom_seen *seen, l2a_buf *out);

/*
 * The domains added with l2a_dom_add_freemail(), normalized, each followed
 * by a NUL, in the order they were added; *len receives the total size.
 * Borrowed until the next add or the free.
 */
const char *l2a_dom_added_freemail(const l2a_domains *d, size_t *len);

/* The kind of a host or registrable domain (either may be passed). */
l2a_domain_kind l2a_dom_kind(const l2a_domains *d, const char *domain);

/*
 * For a host that l2a_dom_email_host() or l2a_dom_url_host() wrote (len
 * bytes, NUL-terminated): its registrable domain into out and its kind, as
 * l2a_dom_registrable() and l2a_dom_kind() give them, with one PSL lookup
 * and without normalizing the host again. *kind is L2A_DOMAIN_ORDINARY
 * when there is no registrable domain (L2A_ERR_NOT_FOUND).
 */
int l2a_dom_host_registrable_kind(const l2a_domains *d, const char *host, size_t len, l2a_buf *out,
                                  l2a_domain_kind *kind);

#endif
