/* SPDX-License-Identifier: MIT */
/* The normalization and domain rules, exposed for people debugging their data. */
#include <string.h>

#include "matcher-internal.h"
#include "utf8.h"

/* Copies a result into the caller's buffer, or says how much room it needs. */
static int copy_out(const l2a_buf *b, char *out, size_t cap, size_t *len_out)
{
    if (len_out)
        *len_out = b->len;
    if (b->len + 1 > cap)
        return L2A_ERR_TOO_LONG;
    memcpy(out, l2a_buf_str(b), b->len + 1);
    return L2A_OK;
}

static int check_input(const l2a_matcher *m, const char *in, size_t *len, const char *out, size_t cap)
{
    if (!m || !in || (!out && cap))
        return L2A_ERR_INVALID_ARGUMENT;
    if (*len == L2A_NTS)
        *len = strlen(in);
    if (*len > L2A_FIELD_MAX_BYTES)
        return L2A_ERR_TOO_LONG;
    return l2a_utf8_validate(in, *len, NULL);
}

L2A_API int l2a_normalize_name(const l2a_matcher *m, const char *in, size_t len, char *out, size_t cap,
                               size_t *len_out)
{
    l2a_buf key = L2A_BUF_INIT;
    int rc;

    if (len_out)
        *len_out = 0;
    if ((rc = check_input(m, in, &len, out, cap)))
        return rc;
    rc = l2a_norm_name(m->norm, in, len, &key);
    if (!rc)
        rc = copy_out(&key, out, cap, len_out);
    l2a_buf_free(&key);
    return rc;
}

L2A_API int l2a_registrable_domain(const l2a_matcher *m, const char *in, size_t len, char *out, size_t cap,
                                   size_t *len_out)
{
    l2a_buf host = L2A_BUF_INIT, domain = L2A_BUF_INIT;
    int rc;

    if (len_out)
        *len_out = 0;
    if ((rc = check_input(m, in, &len, out, cap)))
        return rc;
    rc = l2a_dom_any_host(m->domains, in, len, &host);
    if (!rc)
        rc = l2a_dom_registrable(m->domains, l2a_buf_str(&host), &domain);
    if (!rc)
        rc = copy_out(&domain, out, cap, len_out);
    l2a_buf_free(&host);
    l2a_buf_free(&domain);
    return rc;
}
