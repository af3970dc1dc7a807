/* SPDX-License-Identifier: MIT */
/* Registering accounts: each is normalized once, on the way in, into the matcher's arena. */
#include <string.h>
#include <xxhash.h>

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

/* Copies a string into the arena; the empty string is the shared offset 0. */
int l2a_segment_intern(l2a_segment *m, const char *s, size_t len, uint32_t *out)
{
    *out = 0;
    if (len == 0)
        return L2A_OK;
    if (m->arena.len + len + 1 > UINT32_MAX)
        return L2A_ERR_NOMEM;
    if (l2a_buf_reserve(&m->arena, len + 1) != L2A_OK)
        return L2A_ERR_NOMEM;
    *out = (uint32_t)m->arena.len;
    l2a_buf_append(&m->arena, s, len);
    l2a_buf_putc(&m->arena, '\0');
    return L2A_OK;
}

/* Whether the arena holds exactly s at off (a string ends at its NUL, and none holds one). */
static int text_equals(const l2a_segment *m, uint32_t off, const char *s, size_t len)
{
    const char *t = l2a_seg_cstr(m, off);

    return strlen(t) == len && memcmp(t, s, len) == 0;
}

/*
 * A million accounts name a few hundred regions and cities: the cache keeps
 * the offset of the last string seen under each hash, trusted only after
 * comparing the arena's bytes, so that a stale entry (another segment, or
 * a string rolled back with a failed account) is simply a miss.
 */
int l2a_segment_intern_place(l2a_matcher *mt, l2a_segment *m, const char *s, size_t len, uint32_t *out)
{
    uint32_t *slot, off;
    int rc;

    if (len == 0) {
        *out = 0;
        return L2A_OK;
    }
    slot = &mt->places[XXH3_64bits(s, len) % L2A_PLACE_CACHE_SIZE];
    off = *slot;
    if (off && (size_t)off + len < m->arena.len && memcmp(m->arena.data + off, s, len) == 0 &&
        m->arena.data[off + len] == '\0') {
        *out = off;
        return L2A_OK;
    }
    if ((rc = l2a_segment_intern(m, s, len, out)) == L2A_OK)
        *slot = *out;
    return rc;
}

static int grow_offsets(uint32_t **offs, size_t *cap, size_t need)
{
    size_t ncap;
    uint32_t *p;

    if (need <= *cap)
        return L2A_OK;
    ncap = *cap ? *cap * 2 : 64;
    while (ncap < need)
        ncap *= 2;
    p = l2a_reallocarray(*offs, ncap, sizeof *p);
    if (!p)
        return L2A_ERR_NOMEM;
    *offs = p;
    *cap = ncap;
    return L2A_OK;
}

static int add_alias(l2a_segment *m, l2a_account *a, const char *key, size_t len)
{
    size_t i;
    int rc;

    if (len == 0 || text_equals(m, a->name, key, len))
        return L2A_OK;
    for (i = a->first_alias; i < m->n_aliases; i++)
        if (text_equals(m, m->aliases[i], key, len))
            return L2A_OK;
    if ((rc = grow_offsets(&m->aliases, &m->cap_aliases, m->n_aliases + 1)) != L2A_OK)
        return rc;
    if ((rc = l2a_segment_intern(m, key, len, &m->aliases[m->n_aliases])) != L2A_OK)
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
        if (text_equals(m, m->doms[i], domain->data, domain->len))
            return L2A_OK;
    if ((rc = grow_offsets(&m->doms, &m->cap_doms, m->n_doms + 1)) != L2A_OK)
        return rc;
    if ((rc = l2a_segment_intern(m, domain->data, domain->len, &m->doms[m->n_doms])) != L2A_OK)
        return rc;
    m->n_doms++;
    a->n_domains++;
    return L2A_OK;
}

static int add_place(l2a_matcher *mt, l2a_segment *m, const l2a_record *rec, int field, l2a_buf *tmp,
                     uint32_t *out)
{
    size_t len;
    const char *v = l2a_record_get(rec, field, 0, &len);
    int rc;

    *out = 0;
    if (!v)
        return L2A_OK;
    if ((rc = l2a_norm_text(mt->norm, v, len, tmp)) != L2A_OK)
        return rc;
    return l2a_segment_intern_place(mt, m, tmp->data, tmp->len, out);
}

/* tmp is scratch for one normalized value at a time. */
static int fill_account(l2a_matcher *mt, l2a_segment *m, const l2a_record *rec, l2a_account *a, l2a_buf *tmp)
{
    const char *v, *website;
    size_t len, i, website_len;
    l2a_dom_seen seen;
    int rc;

    v = l2a_record_get(rec, L2A_FIELD_ID, 0, &len);
    if ((rc = l2a_segment_intern(m, v, len, &a->id)) != L2A_OK)
        return rc;
    v = l2a_record_get(rec, L2A_FIELD_COMPANY_NAME, 0, &len);
    if (v && (rc = l2a_norm_name(mt->norm, v, len, tmp)) != L2A_OK)
        return rc;
    if (v && (rc = l2a_segment_intern(m, tmp->data, tmp->len, &a->name)) != L2A_OK)
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
    if ((rc = add_place(mt, m, rec, L2A_FIELD_REGION, tmp, &a->region)) != L2A_OK ||
        (rc = add_place(mt, m, rec, L2A_FIELD_CITY, tmp, &a->city)) != L2A_OK)
        return rc;
    v = l2a_record_get(rec, L2A_FIELD_PHONE, 0, &len);
    if (v) {
        char phone[32];
        size_t n = l2a_loc_phone_key(v, len, phone, sizeof phone);
        if ((rc = l2a_segment_intern(m, phone, n, &a->phone)) != L2A_OK)
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

/* After a failed build, which gave the id set up: the ids of the accounts added so far. */
static int restore_ids(l2a_matcher *m)
{
    const char *arena = l2a_buf_str(&m->base.arena);
    l2a_idset *ids = NULL;
    int rc = l2a_idset_new(&ids), inserted;
    size_t i;

    for (i = 0; i < m->base.n_accounts && !rc; i++) {
        const char *id = arena + m->base.accounts[i].id;
        rc = l2a_idset_insert(ids, id, strlen(id), &inserted);
    }
    if (rc) {
        l2a_idset_free(ids);
        return rc;
    }
    m->ids = ids;
    return L2A_OK;
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
    if (!m->ids && (rc = restore_ids(m)) != L2A_OK)
        return account_error(m, rc, id);
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
