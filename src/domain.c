/* SPDX-License-Identifier: MIT */
/*
 * Hosts out of what people type into email and website fields; their
 * registrable domains and free-mail kinds are in domain-registrable.c.
 *
 * Every host goes through one normalization: UTS #46 (ICU) to lowercase
 * ASCII, then the hostname rules (LDH labels of 1..63 bytes, at most 253
 * bytes, at least two labels, not an IPv4 address). The result is built in
 * a fixed buffer on the stack, so lookups allocate nothing of their own.
 */
#include "domain-private.h"

#include <stdint.h>
#include <string.h>

#include "alloc.h"
#include "l2a.h"
#include "utf8.h"

_Static_assert(L2A_DOM_HOST_BYTES > HOST_MAX, "l2a_dom_seen holds a maximal host");

/*
 * Nontransitional processing keeps ß, ς, ZWJ and ZWNJ as registries now do;
 * bidi and CONTEXTJ checks refuse labels no registry would accept.
 * STD3 rules stay off because the hostname check after conversion refuses
 * every non-LDH character anyway.
 */
#define IDNA_OPTIONS (UIDNA_NONTRANSITIONAL_TO_ASCII | UIDNA_CHECK_BIDI | UIDNA_CHECK_CONTEXTJ)

/*
 * "ab--cd" labels are reserved by IDNA2008 but exist in DNS (CDN hosts
 * among them), and they are ASCII already, so they are not refused.
 */
#define IDNA_TOLERATED_ERRORS ((uint32_t)UIDNA_ERROR_HYPHEN_3_4)

/* ---- lifecycle ---- */

static int open_idna(l2a_domains *d)
{
    UErrorCode status = U_ZERO_ERROR;

    d->idna = uidna_openUTS46(IDNA_OPTIONS, &status);
    if (U_FAILURE(status)) {
        d->idna = NULL;
        return status == U_MEMORY_ALLOCATION_ERROR ? L2A_ERR_NOMEM : L2A_ERR_INTERNAL;
    }
    return L2A_OK;
}

/* psl_builtin() is a shared static context; only psl_latest()'s is ours to free. */
static int open_psl(l2a_domains *d)
{
    d->psl = psl_builtin();
    if (d->psl)
        return L2A_OK;
    d->owned_psl = psl_latest(NULL);
    d->psl = d->owned_psl;
    return d->psl ? L2A_OK : L2A_ERR_INTERNAL;
}

int l2a_dom_new(l2a_domains **out)
{
    l2a_domains *d;
    int rc;

    if (!out)
        return L2A_ERR_INVALID_ARGUMENT;
    *out = NULL;
    d = l2a_calloc(1, sizeof *d);
    if (!d)
        return L2A_ERR_NOMEM;
    l2a_freemail_set_init(&d->added);
    rc = open_idna(d);
    if (rc == L2A_OK)
        rc = open_psl(d);
    if (rc != L2A_OK) {
        l2a_dom_free(d);
        return rc;
    }
    *out = d;
    return L2A_OK;
}

void l2a_dom_free(l2a_domains *d)
{
    if (!d)
        return;
    if (d->idna)
        uidna_close(d->idna);
    if (d->owned_psl)
        psl_free(d->owned_psl);
    l2a_freemail_set_free(&d->added);
    l2a_free(d);
}

/* ---- spans of the input ---- */

static char ascii_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool is_ascii_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_ascii_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_ascii_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

static bool starts_with_nocase(struct span s, const char *prefix)
{
    size_t n = strlen(prefix), i;

    if (s.len < n)
        return false;
    for (i = 0; i < n; i++)
        if (ascii_lower(s.p[i]) != prefix[i])
            return false;
    return true;
}

static struct span span_from(struct span s, size_t start)
{
    struct span rest = {s.p + start, s.len - start};
    return rest;
}

static struct span span_until(struct span s, size_t end)
{
    struct span head = {s.p, end};
    return head;
}

/* Index of the first `c` in s, or s.len when absent. */
static size_t find_first(struct span s, char c)
{
    const char *at = s.len ? memchr(s.p, c, s.len) : NULL;

    return at ? (size_t)(at - s.p) : s.len;
}

/* Index of the first byte of s that ends a URL's authority ("/?#\\"), or s.len. */
static size_t find_authority_end(struct span s)
{
    size_t i;

    for (i = 0; i < s.len; i++)
        if (s.p[i] == '/' || s.p[i] == '?' || s.p[i] == '#' || s.p[i] == '\\')
            return i;
    return s.len;
}

/* Index of the last `c` in s, or s.len when absent. */
static size_t find_last(struct span s, char c)
{
    size_t i = s.len;

    while (i > 0)
        if (s.p[--i] == c)
            return i;
    return s.len;
}

/*
 * Bytes of a blank character that starts (at_end false) or ends (true) s:
 * ASCII white space, and the invisible or wide spaces that come along when
 * an address is pasted from a web page (NBSP, ZWSP, ideographic space, BOM).
 */
static size_t blank_bytes(struct span s, bool at_end)
{
    static const char *const wide_blanks[] = {"\xC2\xA0", "\xE2\x80\x8B", "\xE3\x80\x80", "\xEF\xBB\xBF"};
    unsigned char edge;
    size_t i;

    if (s.len == 0)
        return 0;
    edge = (unsigned char)(at_end ? s.p[s.len - 1] : s.p[0]);
    if (is_ascii_space((char)edge))
        return 1;
    if (edge < 0x80) /* no wide blank starts or ends with an ASCII byte */
        return 0;
    for (i = 0; i < sizeof wide_blanks / sizeof wide_blanks[0]; i++) {
        size_t n = strlen(wide_blanks[i]);
        if (s.len >= n && memcmp(at_end ? s.p + s.len - n : s.p, wide_blanks[i], n) == 0)
            return n;
    }
    return 0;
}

static struct span trim_blanks(struct span s)
{
    size_t n;

    while ((n = blank_bytes(s, false)) > 0)
        s = span_from(s, n);
    while ((n = blank_bytes(s, true)) > 0)
        s.len -= n;
    return s;
}

/* The input as a trimmed span; false when it is absent or not well-formed UTF-8. */
bool l2a_dom_open_input(const char *text, size_t len, struct span *out)
{
    struct span s;

    if (!text)
        return false;
    if (len == L2A_NTS)
        len = strlen(text);
    if (l2a_utf8_validate(text, len, NULL) != L2A_OK)
        return false;
    s.p = text;
    s.len = len;
    *out = trim_blanks(s);
    return true;
}

/* ---- host normalization ---- */

static bool is_ldh(char c)
{
    return (c >= 'a' && c <= 'z') || is_ascii_digit(c) || c == '-';
}

static bool is_valid_label(const char *label, size_t len)
{
    size_t i;

    if (len == 0 || len > LABEL_MAX || label[0] == '-' || label[len - 1] == '-')
        return false;
    for (i = 0; i < len; i++)
        if (!is_ldh(label[i]))
            return false;
    return true;
}

static bool is_all_digits(const char *s, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++)
        if (!is_ascii_digit(s[i]))
            return false;
    return len > 0;
}

/*
 * A lowercase ASCII host with at least two valid labels. A numeric last
 * label means an IPv4 address in one of its spellings (no TLD is numeric).
 */
static bool is_valid_hostname(const char *host, size_t len)
{
    size_t start = 0, labels = 0, i;

    if (len == 0 || len > HOST_MAX)
        return false;
    for (i = 0; i <= len; i++) {
        if (i < len && host[i] != '.')
            continue;
        if (!is_valid_label(host + start, i - start))
            return false;
        labels++;
        if (i == len && is_all_digits(host + start, i - start))
            return false;
        start = i + 1;
    }
    return labels >= 2;
}

/* True when some label starts with the ACE prefix "xn--" (in any case). */
bool l2a_dom_has_ace_label(struct span s)
{
    size_t i;

    /* A quick no for the many hosts without a hyphen. */
    if (s.len == 0 || !memchr(s.p, '-', s.len))
        return false;
    for (i = 0; i < s.len; i++)
        if ((i == 0 || s.p[i - 1] == '.') && starts_with_nocase(span_from(s, i), "xn--"))
            return true;
    return false;
}

static int idna_to_ascii(const l2a_domains *d, struct span s, char *out, size_t *out_len)
{
    UIDNAInfo info = UIDNA_INFO_INITIALIZER;
    UErrorCode status = U_ZERO_ERROR;
    int32_t n;

    if (s.len > INT32_MAX)
        return L2A_ERR_NOT_FOUND;
    n = uidna_nameToASCII_UTF8(d->idna, s.p, (int32_t)s.len, out, HOST_BUF, &info, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR)
        return L2A_ERR_NOT_FOUND;
    if (status == U_MEMORY_ALLOCATION_ERROR)
        return L2A_ERR_NOMEM;
    if (U_FAILURE(status))
        return L2A_ERR_INTERNAL;
    /* A result that fills the buffer (no room for the NUL) is too long anyway. */
    if (n < 0 || n >= HOST_BUF || (info.errors & ~IDNA_TOLERATED_ERRORS) != 0)
        return L2A_ERR_NOT_FOUND;
    *out_len = (size_t)n;
    return L2A_OK;
}

/*
 * UTS #46 on an ASCII host without ACE labels only lowercases it; doing
 * that here skips ICU's UTF-16 round trip for nearly every real host.
 */
static int ascii_to_host(struct span s, char *out, size_t *out_len)
{
    size_t i;

    if (s.len >= HOST_BUF)
        return L2A_ERR_NOT_FOUND;
    for (i = 0; i < s.len; i++)
        out[i] = ascii_lower(s.p[i]);
    *out_len = s.len;
    return L2A_OK;
}

/*
 * The normalized host of s (UTF-8, already validated) into out, which
 * holds HOST_BUF bytes: lowercase ASCII, no trailing dot, NUL-terminated.
 */
int l2a_dom_normalize_host(const l2a_domains *d, struct span s, char *out, size_t *out_len)
{
    size_t n = 0;
    int rc;

    if (s.len == 0)
        return L2A_ERR_NOT_FOUND;
    if (l2a_is_ascii(s.p, s.len) && !l2a_dom_has_ace_label(s))
        rc = ascii_to_host(s, out, &n);
    else
        rc = idna_to_ascii(d, s, out, &n);
    if (rc != L2A_OK)
        return rc;
    /* The root label: "acme.com." names the same host as "acme.com". */
    if (n > 0 && out[n - 1] == '.')
        n--;
    out[n] = '\0';
    if (!is_valid_hostname(out, n))
        return L2A_ERR_NOT_FOUND;
    *out_len = n;
    return L2A_OK;
}

static int emit_host(const l2a_domains *d, struct span s, l2a_buf *host)
{
    char ascii[HOST_BUF];
    size_t n;
    int rc = l2a_dom_normalize_host(d, s, ascii, &n);

    if (rc != L2A_OK) {
        l2a_buf_reset(host);
        return rc;
    }
    return l2a_buf_set(host, ascii, n);
}

/* ---- email addresses ---- */

/* "Jane Doe <jane@acme.com>" -> "jane@acme.com"; other text is returned as is. */
static struct span angle_address(struct span s)
{
    size_t open = find_last(s, '<'), close;

    if (open == s.len)
        return s;
    s = span_from(s, open + 1);
    close = find_first(s, '>');
    return trim_blanks(span_until(s, close));
}

/* "mailto:jane@acme.com?subject=Hi" -> "jane@acme.com". */
static struct span strip_mailto(struct span s)
{
    if (!starts_with_nocase(s, "mailto:"))
        return s;
    s = span_from(s, strlen("mailto:"));
    return span_until(s, find_first(s, '?'));
}

/* The host of an email address as typed, not yet normalized; false when it has none. */
static bool email_host_text(const char *email, size_t len, struct span *out)
{
    struct span s;
    size_t at;

    if (!l2a_dom_open_input(email, len, &s))
        return false;
    s = strip_mailto(angle_address(s));
    at = find_last(s, '@');
    if (at == s.len)
        return false;
    s = trim_blanks(span_from(s, at + 1));
    /* A sentence may end right after the address: "write to jane@acme.com.". */
    while (s.len > 1 && s.p[s.len - 1] == '.' && s.p[s.len - 2] == '.')
        s.len--;
    /* "[192.0.2.1]" and "[IPv6:...]" are address literals, not hosts. */
    if (s.len > 0 && s.p[0] == '[')
        return false;
    *out = s;
    return true;
}

/* Normalizes the host found in the input, or reports that there was none. */
static int emit_found_host(const l2a_domains *d, bool found, struct span s, l2a_buf *host)
{
    if (!found) {
        l2a_buf_reset(host);
        return L2A_ERR_NOT_FOUND;
    }
    return emit_host(d, s, host);
}

int l2a_dom_email_host(const l2a_domains *d, const char *email, size_t len, l2a_buf *host)
{
    struct span s = {NULL, 0};

    if (!d || !host)
        return L2A_ERR_INVALID_ARGUMENT;
    return emit_found_host(d, email_host_text(email, len, &s), s, host);
}

/* ---- URLs ---- */

static bool is_scheme_char(char c)
{
    return is_ascii_alpha(c) || is_ascii_digit(c) || c == '+' || c == '-' || c == '.';
}

/* Length of a leading "scheme:" (including the colon), or 0. */
static size_t scheme_length(struct span s)
{
    size_t i;

    if (s.len == 0 || !is_ascii_alpha(s.p[0]))
        return 0;
    for (i = 1; i < s.len && is_scheme_char(s.p[i]); i++)
        continue;
    return i < s.len && s.p[i] == ':' ? i + 1 : 0;
}

static bool is_web_scheme(struct span scheme)
{
    static const char *const names[] = {"http:", "https:", "ftp:", "ws:", "wss:"};
    size_t i;

    for (i = 0; i < sizeof names / sizeof names[0]; i++)
        if (scheme.len == strlen(names[i]) && starts_with_nocase(scheme, names[i]))
            return true;
    return false;
}

static size_t count_slashes(struct span s)
{
    size_t i = 0;

    while (i < s.len && (s.p[i] == '/' || s.p[i] == '\\'))
        i++;
    return i;
}

/*
 * Drops "scheme://" or a bare "//". Web schemes also lose slashes typed
 * short or long ("http:/acme.com", "https:///acme.com"), as browsers do.
 * Any other "name:" that is not followed by "//" is left alone, since
 * "acme.com:8080" looks like a scheme too.
 */
static struct span skip_scheme(struct span s)
{
    size_t n = scheme_length(s), slashes;

    if (n > 0) {
        struct span rest = span_from(s, n);
        slashes = count_slashes(rest);
        if (is_web_scheme(span_until(s, n)))
            return span_from(rest, slashes);
        if (slashes >= 2)
            return span_from(rest, slashes);
        return s;
    }
    return span_from(s, count_slashes(s) >= 2 ? 2 : 0);
}

/* "host:443" -> "host"; false when what follows the colon is not a port. */
static bool strip_port(struct span *s)
{
    size_t colon = find_last(*s, ':'), i;

    if (colon == s->len)
        return true;
    for (i = colon + 1; i < s->len; i++)
        if (!is_ascii_digit(s->p[i]))
            return false;
    s->len = colon;
    return true;
}

/* "user:pw@acme.com" -> "acme.com". */
static struct span after_userinfo(struct span s)
{
    size_t at = find_last(s, '@');

    return at == s.len ? s : span_from(s, at + 1);
}

static struct span unwrap_angles(struct span s)
{
    if (s.len >= 2 && s.p[0] == '<' && s.p[s.len - 1] == '>')
        return trim_blanks(span_until(span_from(s, 1), s.len - 2));
    return s;
}

/* The host of a URL as typed, not yet normalized; false when it has none. */
static bool url_host_text(const char *url, size_t len, struct span *out)
{
    struct span s;

    if (!l2a_dom_open_input(url, len, &s))
        return false;
    s = unwrap_angles(s);
    /* A website field sometimes holds a mailto link; its host is the address's. */
    if (starts_with_nocase(s, "mailto:"))
        return email_host_text(s.p, s.len, out);
    s = skip_scheme(s);
    s = span_until(s, find_authority_end(s));
    s = after_userinfo(s);
    /* "[::1]" and "[2001:db8::1]:80" are IPv6 literals, not hosts. */
    if ((s.len > 0 && s.p[0] == '[') || !strip_port(&s))
        return false;
    *out = s;
    return true;
}

int l2a_dom_url_host(const l2a_domains *d, const char *url, size_t len, l2a_buf *host)
{
    struct span s = {NULL, 0};

    if (!d || !host)
        return L2A_ERR_INVALID_ARGUMENT;
    return emit_found_host(d, url_host_text(url, len, &s), s, host);
}

static bool looks_like_url(const char *text, size_t len)
{
    return memchr(text, '/', len) != NULL;
}

bool l2a_dom_any_host_text(const char *text, size_t len, struct span *out)
{
    if (!looks_like_url(text, len) && memchr(text, '@', len))
        return email_host_text(text, len, out);
    return url_host_text(text, len, out);
}

int l2a_dom_any_host(const l2a_domains *d, const char *text, size_t len, l2a_buf *host)
{
    struct span s = {NULL, 0};

    if (!d || !host)
        return L2A_ERR_INVALID_ARGUMENT;
    return emit_found_host(d, l2a_dom_any_host_text(text, len, &s), s, host);
}
