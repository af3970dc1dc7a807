/* SPDX-License-Identifier: MIT */
/* Registering accounts: each is normalized once, on the way in, into the matcher's arena. */
#include <string.h>

#include "alloc.h"
#include "location.h"
#include "matcher-internal.h"

/* What to undo when an account cannot be added halfway through. */
typedef struct mark {
    size_t arena_len, n_aliases, n_doms;
} mark;

static mark take_mark(const l2a_segment *m)
{
    mark mk = {m->arena.len, m->n_aliases, m->n_doms};
    return mk;
}

static void roll_back(l2a_segment *m, mark mk)
{
    m->arena.len = mk.arena_len;
    if (m->arena.data)
        m->arena.data[m->arena.len] = '\0';
    m->n_aliases = mk.n_aliases;
    m->n_doms = mk.n_doms;
}

/* Copies a string into the arena as a span; empty strings become the shared empty span. */
static int intern(l2a_segment *m, const char *s, size_t len, l2a_span *out)
{
    out->off = 0;
    out->len = 0;
    if (len == 0)
        return L2A_OK;
    if (m->arena.len + len + 1 > UINT32_MAX)
        return L2A_ERR_NOMEM;
    out->off = (uint32_t)m->arena.len;
    out->len = (uint32_t)len;
    if (l2a_buf_append(&m->arena, s, len) != L2A_OK || l2a_buf_putc(&m->arena, '\0') != L2A_OK)
        return L2A_ERR_NOMEM;
    return L2A_OK;
}

static int grow_spans(l2a_span **spans, size_t *cap, size_t need)
{
    size_t ncap;
    l2a_span *p;

    if (need <= *cap)
        return L2A_OK;
    ncap = *cap ? *cap * 2 : 64;
    while (ncap < need)
        ncap *= 2;
    p = l2a_reallocarray(*spans, ncap, sizeof *p);
    if (!p)
        return L2A_ERR_NOMEM;
    *spans = p;
    *cap = ncap;
    return L2A_OK;
}

static int span_equals(const l2a_segment *m, l2a_span sp, const char *s, size_t len)
{
    return sp.len == len && memcmp(l2a_buf_str(&m->arena) + sp.off, s, len) == 0;
}

static int add_alias(l2a_segment *m, l2a_account *a, const char *key, size_t len)
{
    size_t i;
    int rc;

    if (len == 0 || span_equals(m, a->name, key, len))
        return L2A_OK;
    for (i = a->first_alias; i < m->n_aliases; i++)
        if (span_equals(m, m->aliases[i], key, len))
            return L2A_OK;
    if ((rc = grow_spans(&m->aliases, &m->cap_aliases, m->n_aliases + 1)) != L2A_OK)
        return rc;
    if ((rc = intern(m, key, len, &m->aliases[m->n_aliases])) != L2A_OK)
        return rc;
    m->n_aliases++;
    a->n_aliases++;
    return L2A_OK;
}

/* Adds the registrable domain of a host, URL or email; values without one are ignored. */
static int add_domain(const l2a_matcher *mt, l2a_segment *m, l2a_account *a, const char *value, size_t len,
                      l2a_dom_seen *seen, l2a_buf *domain)
{
    size_t i;
    int rc = l2a_dom_value_registrable(mt->domains, value, len, seen, domain);

    if (rc == L2A_ERR_NOT_FOUND || rc == L2A_ERR_INVALID_UTF8 || rc == L2A_ERR_INVALID_ARGUMENT)
        return L2A_OK;
    if (rc)
        return rc;
    for (i = a->first_domain; i < m->n_doms; i++)
        if (span_equals(m, m->doms[i], domain->data, domain->len))
            return L2A_OK;
    if ((rc = grow_spans(&m->doms, &m->cap_doms, m->n_doms + 1)) != L2A_OK)
        return rc;
    if ((rc = intern(m, domain->data, domain->len, &m->doms[m->n_doms])) != L2A_OK)
        return rc;
    m->n_doms++;
    a->n_domains++;
    return L2A_OK;
}

static int add_text(const l2a_matcher *mt, l2a_segment *m, const l2a_record *rec, int field, l2a_buf *tmp,
                    l2a_span *out)
{
    size_t len;
    const char *v = l2a_record_get(rec, field, 0, &len);
    int rc;

    out->off = out->len = 0;
    if (!v)
        return L2A_OK;
    if ((rc = l2a_norm_text(mt->norm, v, len, tmp)) != L2A_OK)
        return rc;
    return intern(m, tmp->data, tmp->len, out);
}

/* tmp is scratch for one normalized value at a time. */
static int fill_account(const l2a_matcher *mt, l2a_segment *m, const l2a_record *rec, l2a_account *a, l2a_buf *tmp)
{
    const char *v, *website;
    size_t len, i, website_len;
    l2a_dom_seen seen;
    int rc;

    v = l2a_record_get(rec, L2A_FIELD_ID, 0, &len);
    if ((rc = intern(m, v, len, &a->id)) != L2A_OK)
        return rc;
    v = l2a_record_get(rec, L2A_FIELD_COMPANY_NAME, 0, &len);
    if (v && (rc = l2a_norm_name(mt->norm, v, len, tmp)) != L2A_OK)
        return rc;
    if (v && (rc = intern(m, tmp->data, tmp->len, &a->name)) != L2A_OK)
        return rc;
    a->first_alias = (uint32_t)m->n_aliases;
    for (i = 0; i < l2a_record_count(rec, L2A_FIELD_ALIAS); i++) {
        v = l2a_record_get(rec, L2A_FIELD_ALIAS, i, &len);
        if ((rc = l2a_norm_name(mt->norm, v, len, tmp)) != L2A_OK || (rc = add_alias(m, a, tmp->data, tmp->len)) != L2A_OK)
            return rc;
    }
    /* The website's host ("www.acme.com") first: the domains' answers ("acme.com") follow from it. */
    l2a_dom_seen_init(&seen);
    website = l2a_record_get(rec, L2A_FIELD_WEBSITE, 0, &website_len);
    if (website)
        (void)l2a_dom_value_registrable(mt->domains, website, website_len, &seen, tmp);
    a->first_domain = (uint32_t)m->n_doms;
    for (i = 0; i < l2a_record_count(rec, L2A_FIELD_DOMAIN); i++) {
        v = l2a_record_get(rec, L2A_FIELD_DOMAIN, i, &len);
        if ((rc = add_domain(mt, m, a, v, len, &seen, tmp)) != L2A_OK)
            return rc;
    }
    if (website && (rc = add_domain(mt, m, a, website, website_len, &seen, tmp)) != L2A_OK)
        return rc;
    v = l2a_record_get(rec, L2A_FIELD_COUNTRY, 0, &len);
    if (v) {
        const char *code;
        if ((rc = l2a_norm_text(mt->norm, v, len, tmp)) != L2A_OK)
            return rc;
        code = l2a_loc_country_code(l2a_buf_str(tmp), tmp->len);
        if (code)
            memcpy(a->country, code, 3);
    }
    if ((rc = add_text(mt, m, rec, L2A_FIELD_REGION, tmp, &a->region)) != L2A_OK ||
        (rc = add_text(mt, m, rec, L2A_FIELD_CITY, tmp, &a->city)) != L2A_OK)
        return rc;
    v = l2a_record_get(rec, L2A_FIELD_PHONE, 0, &len);
    if (v) {
        char phone[32];
        size_t n = l2a_loc_phone_key(v, len, phone, sizeof phone);
        if ((rc = intern(m, phone, n, &a->phone)) != L2A_OK)
            return rc;
    }
    return L2A_OK;
}

static int account_error(l2a_matcher *m, int rc, const char *id)
{
    switch (rc) {
    case L2A_ERR_NOMEM:
        return l2a_set_error(m->errmsg, rc, "account %.64s: out of memory", id);
    case L2A_ERR_INVALID_UTF8:
        return l2a_set_error(m->errmsg, rc, "account %.64s: invalid UTF-8", id);
    default:
        return l2a_set_error(m->errmsg, rc, "account %.64s: %s", id, l2a_strerror(rc));
    }
}

L2A_API int l2a_matcher_add_account(l2a_matcher *m, const l2a_record *account)
{
    l2a_account a;
    const char *id;
    size_t id_len;
    mark mk;
    int rc, inserted = 0;

    if (!m)
        return L2A_ERR_INVALID_ARGUMENT;
    l2a_clear_error(m->errmsg);
    if (!account)
        return l2a_set_error(m->errmsg, L2A_ERR_INVALID_ARGUMENT, "add_account: NULL record");
    if (m->built)
        return l2a_churn_put(m, account);
    id = l2a_record_get(account, L2A_FIELD_ID, 0, &id_len);
    if (!id)
        return l2a_set_error(m->errmsg, L2A_ERR_MISSING_ID, "add_account: the record has no id");
    if (m->base.n_accounts == m->base.cap_accounts) {
        size_t cap = m->base.cap_accounts ? m->base.cap_accounts * 2 : 1024;
        l2a_account *accounts = l2a_reallocarray(m->base.accounts, cap, sizeof *accounts);
        if (!accounts)
            return account_error(m, L2A_ERR_NOMEM, id);
        m->base.accounts = accounts;
        m->base.cap_accounts = cap;
    }
    memset(&a, 0, sizeof a);
    mk = take_mark(&m->base);
    rc = fill_account(m, &m->base, account, &a, &m->scratch_text);
    if (!rc)
        rc = l2a_idset_insert(m->ids, id, id_len, &inserted);
    if (!rc && !inserted)
        rc = l2a_set_error(m->errmsg, L2A_ERR_DUPLICATE_ID, "account %.64s: duplicate id", id);
    else if (rc)
        account_error(m, rc, id);
    if (rc) {
        roll_back(&m->base, mk);
        return rc;
    }
    m->base.accounts[m->base.n_accounts++] = a;
    return L2A_OK;
}

int l2a_segment_fill(l2a_matcher *m, l2a_segment *seg, const l2a_record *rec, l2a_account *a)
{
    const char *id;
    size_t id_len;
    mark mk;
    int rc = L2A_OK;

    id = l2a_record_get(rec, L2A_FIELD_ID, 0, &id_len);
    if (seg->arena.len == 0 && !seg->arena.data)
        rc = l2a_buf_putc(&seg->arena, '\0'); /* offset 0 is the empty string */
    if (rc)
        return account_error(m, rc, id);
    memset(a, 0, sizeof *a);
    mk = take_mark(seg);
    rc = fill_account(m, seg, rec, a, &m->scratch_text);
    if (rc) {
        roll_back(seg, mk);
        return account_error(m, rc, id);
    }
    return L2A_OK;
}
