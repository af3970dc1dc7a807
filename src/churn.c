/* SPDX-License-Identifier: MIT */
/*
 * Account churn on a built matcher. The base segment (the first build, or a
 * snapshot's read-only mapping) is never written: a removed or replaced base
 * account gets a tombstone bit, and added or replaced accounts go to the
 * delta segment, which has its own storage and indexes. Changes are staged
 * until l2a_matcher_build() applies them, at a cost proportional to the
 * delta, not to the base; l2a_matcher_compact() merges everything into a
 * fresh base.
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "matcher-internal.h"

void l2a_churn_free(l2a_matcher *m)
{
    l2a_segment_free(&m->delta);
    l2a_free(m->dead);
    m->dead = NULL;
    m->n_dead = 0;
    l2a_free(m->pending);
    m->pending = NULL;
    m->n_pending = m->cap_pending = 0;
    l2a_idset_free(m->pending_ids);
    m->pending_ids = NULL;
}

static int reserve_pending(l2a_matcher *m)
{
    size_t cap;
    l2a_pending *p;

    if (m->n_pending < m->cap_pending)
        return L2A_OK;
    cap = m->cap_pending ? m->cap_pending * 2 : 64;
    p = l2a_reallocarray(m->pending, cap, sizeof *p);
    if (!p)
        return L2A_ERR_NOMEM;
    m->pending = p;
    m->cap_pending = cap;
    return L2A_OK;
}

/* Notes that id has a pending change; *had tells whether it may have had one already. */
static int note_id(l2a_matcher *m, const char *id, size_t len, int *had)
{
    int inserted = 0, rc;

    if (!m->pending_ids && (rc = l2a_idset_new(&m->pending_ids)) != L2A_OK)
        return rc;
    rc = l2a_idset_insert(m->pending_ids, id, len, &inserted);
    *had = !inserted;
    return rc;
}

/* Whether id names a live account once the staged changes are applied. */
static int exists(const l2a_matcher *m, const char *id, size_t len, int had_pending)
{
    long k;

    if (had_pending) {
        size_t i = m->n_pending;
        while (i-- > 0) {
            l2a_str sp = l2a_seg_str(&m->delta, m->pending[i].account.id);
            if (sp.len == len && memcmp(sp.s, id, len) == 0)
                return !m->pending[i].remove;
        }
    }
    k = l2a_segment_find(&m->base, id, len);
    if (k >= 0 && !l2a_base_dead(m, (uint32_t)k))
        return 1;
    return l2a_segment_find(&m->delta, id, len) >= 0;
}

int l2a_churn_put(l2a_matcher *m, const l2a_record *account)
{
    l2a_pending p;
    const char *id;
    size_t id_len;
    int rc, had;

    id = l2a_record_get(account, L2A_FIELD_ID, 0, &id_len);
    if (!id)
        return l2a_set_error(m->errmsg, L2A_ERR_MISSING_ID, "add_account: the record has no id");
    if ((rc = reserve_pending(m)) != L2A_OK || (rc = note_id(m, id, id_len, &had)) != L2A_OK)
        return l2a_set_error(m->errmsg, rc, "account %.64s: out of memory", id);
    memset(&p, 0, sizeof p);
    if ((rc = l2a_segment_fill(m, &m->delta, account, &p.account)) != L2A_OK)
        return rc;
    m->pending[m->n_pending++] = p;
    return L2A_OK;
}

L2A_API int l2a_matcher_remove_account(l2a_matcher *m, const char *id, size_t len)
{
    l2a_pending p;
    l2a_buf *arena;
    int rc, had;

    if (!m)
        return L2A_ERR_INVALID_ARGUMENT;
    l2a_clear_error(m->errmsg);
    if (!id)
        return l2a_set_error(m->errmsg, L2A_ERR_INVALID_ARGUMENT, "remove_account: NULL id");
    if (!m->built)
        return l2a_set_error(m->errmsg, L2A_ERR_NOT_BUILT, "remove_account: call l2a_matcher_build first");
    if (len == L2A_NTS)
        len = strlen(id);
    if (len > L2A_FIELD_MAX_BYTES)
        return l2a_set_error(m->errmsg, L2A_ERR_TOO_LONG, "remove_account: id too long");
    arena = &m->delta.arena;
    if ((rc = reserve_pending(m)) != L2A_OK || (rc = note_id(m, id, len, &had)) != L2A_OK ||
        (arena->len == 0 && !arena->data && (rc = l2a_buf_putc(arena, '\0')) != L2A_OK))
        return l2a_set_error(m->errmsg, rc, "remove_account: out of memory");
    if (!exists(m, id, len, had))
        return l2a_set_error(m->errmsg, L2A_ERR_NOT_FOUND, "remove_account: no account %.*s",
                             (int)(len > 64 ? 64 : len), id);
    memset(&p, 0, sizeof p);
    p.remove = 1;
    if (l2a_segment_intern(&m->delta, id, len, &p.account.id) != L2A_OK)
        return l2a_set_error(m->errmsg, L2A_ERR_NOMEM, "remove_account: out of memory");
    m->pending[m->n_pending++] = p;
    return L2A_OK;
}

typedef struct change {
    const char *id;
    size_t len;
    size_t seq;
} change;

static int compare_changes(const void *a, const void *b)
{
    const change *x = a, *y = b;
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->id, y->id, n);

    if (c)
        return c;
    if (x->len != y->len)
        return x->len < y->len ? -1 : 1;
    return (x->seq > y->seq) - (x->seq < y->seq);
}

/*
 * Applies the staged changes: O(p log p) for p changes, plus O(d log d) to
 * rebuild the delta's indexes over its d accounts, plus a copy of the
 * tombstone bitset (n/8 bytes). All or nothing: on failure nothing changes.
 */
int l2a_churn_apply(l2a_matcher *m)
{
    size_t n_base = m->base.n_accounts, bytes = n_base / 8 + 1, n = 0, n_dead = m->n_dead, i;
    change *changes = NULL;
    uint8_t *dead = NULL, *killed = NULL;
    l2a_account *acc = NULL;
    l2a_segment seg;
    int rc = L2A_OK;

    if (m->n_pending == 0)
        return L2A_OK;
    changes = l2a_mallocarray(m->n_pending, sizeof *changes);
    dead = l2a_calloc(bytes, 1);
    killed = l2a_calloc(m->delta.n_accounts + 1, 1);
    acc = l2a_mallocarray(m->delta.n_accounts + m->n_pending, sizeof *acc);
    if (!changes || !dead || !killed || !acc) {
        rc = L2A_ERR_NOMEM;
        goto out;
    }
    if (m->dead)
        memcpy(dead, m->dead, bytes);
    for (i = 0; i < m->n_pending; i++) {
        l2a_str id = l2a_seg_str(&m->delta, m->pending[i].account.id);
        changes[i].id = id.s;
        changes[i].len = id.len;
        changes[i].seq = i;
    }
    qsort(changes, m->n_pending, sizeof *changes, compare_changes);
    for (i = 0; i < m->n_pending; i++) {
        const change *c = &changes[i];
        long k;

        /* The last change of an id wins. */
        if (i + 1 < m->n_pending && changes[i + 1].len == c->len && memcmp(changes[i + 1].id, c->id, c->len) == 0)
            continue;
        k = l2a_segment_find(&m->base, c->id, c->len);
        if (k >= 0 && !((dead[k >> 3] >> (k & 7)) & 1)) {
            dead[k >> 3] = (uint8_t)(dead[k >> 3] | (1u << (k & 7)));
            n_dead++;
        }
        k = l2a_segment_find(&m->delta, c->id, c->len);
        if (k >= 0)
            killed[k] = 1;
        if (!m->pending[c->seq].remove)
            memcpy(&acc[n++], &m->pending[c->seq].account, sizeof *acc);
    }
    for (i = 0; i < m->delta.n_accounts; i++)
        if (!killed[i])
            memcpy(&acc[n++], &m->delta.accounts[i], sizeof *acc);
    seg = m->delta;
    seg.accounts = acc;
    seg.n_accounts = n;
    seg.cap_accounts = m->delta.n_accounts + m->n_pending;
    seg.domain_map = seg.name_map = NULL;
    seg.trigrams = NULL;
    acc = NULL;
    if (n > 0 && (rc = l2a_segment_build(m, &seg)) != L2A_OK) {
        l2a_free(seg.accounts);
        goto out;
    }
    l2a_free(m->delta.accounts);
    l2a_segment_discard_maps(&m->delta);
    m->delta = seg;
    l2a_free(m->dead);
    m->dead = dead;
    dead = NULL;
    m->n_dead = n_dead;
    m->n_pending = 0;
    l2a_idset_free(m->pending_ids);
    m->pending_ids = NULL;
    l2a_workspace_pool_clear(m);
out:
    l2a_free(changes);
    l2a_free(dead);
    l2a_free(killed);
    l2a_free(acc);
    if (rc)
        return l2a_set_error(m->errmsg, rc, "build: %s", l2a_strerror(rc));
    return L2A_OK;
}

/* ---- compaction ---- */

static int copy_text(l2a_segment *dst, const l2a_segment *src, uint32_t in, uint32_t *out)
{
    l2a_str s = l2a_seg_str(src, in);

    return l2a_segment_intern(dst, s.s, s.len, out);
}

static int copy_place(l2a_matcher *m, l2a_segment *dst, const l2a_segment *src, uint32_t in, uint32_t *out)
{
    l2a_str s = l2a_seg_str(src, in);

    return l2a_segment_intern_place(m, dst, s.s, s.len, out);
}

static int grow(uint32_t **offs, size_t *cap, size_t need)
{
    size_t ncap = *cap ? *cap : 64;
    uint32_t *p;

    if (need <= *cap)
        return L2A_OK;
    while (ncap < need)
        ncap *= 2;
    p = l2a_reallocarray(*offs, ncap, sizeof *p);
    if (!p)
        return L2A_ERR_NOMEM;
    *offs = p;
    *cap = ncap;
    return L2A_OK;
}

static int copy_account(l2a_matcher *m, l2a_segment *dst, const l2a_segment *src, const l2a_account *in)
{
    l2a_account a;
    uint32_t i;
    int rc;

    memcpy(&a, in, sizeof a);
    if ((rc = copy_text(dst, src, in->id, &a.id)) || (rc = copy_text(dst, src, in->name, &a.name)) ||
        (rc = copy_place(m, dst, src, in->region, &a.region)) || (rc = copy_place(m, dst, src, in->city, &a.city)) ||
        (rc = copy_text(dst, src, in->phone, &a.phone)))
        return rc;
    if ((rc = grow(&dst->aliases, &dst->cap_aliases, dst->n_aliases + in->n_aliases)) ||
        (rc = grow(&dst->doms, &dst->cap_doms, dst->n_doms + in->n_domains)))
        return rc;
    a.first_alias = (uint32_t)dst->n_aliases;
    for (i = 0; i < in->n_aliases; i++)
        if ((rc = copy_text(dst, src, src->aliases[in->first_alias + i], &dst->aliases[dst->n_aliases++])))
            return rc;
    a.first_domain = (uint32_t)dst->n_doms;
    for (i = 0; i < in->n_domains; i++)
        if ((rc = copy_text(dst, src, src->doms[in->first_domain + i], &dst->doms[dst->n_doms++])))
            return rc;
    memcpy(&dst->accounts[dst->n_accounts++], &a, sizeof a);
    return L2A_OK;
}

L2A_API int l2a_matcher_compact(l2a_matcher *m)
{
    l2a_segment seg;
    size_t n, i;
    int rc;

    if (!m)
        return L2A_ERR_INVALID_ARGUMENT;
    l2a_clear_error(m->errmsg);
    if (!m->built)
        return l2a_set_error(m->errmsg, L2A_ERR_NOT_BUILT, "compact: call l2a_matcher_build first");
    if ((rc = l2a_churn_apply(m)) != L2A_OK)
        return rc;
    if (m->n_dead == 0 && m->delta.n_accounts == 0)
        return L2A_OK;
    memset(&seg, 0, sizeof seg);
    n = m->base.n_accounts - m->n_dead + m->delta.n_accounts;
    rc = l2a_buf_putc(&seg.arena, '\0');
    if (!rc) {
        seg.accounts = l2a_mallocarray(n + 1, sizeof *seg.accounts);
        seg.cap_accounts = n + 1;
        if (!seg.accounts)
            rc = L2A_ERR_NOMEM;
    }
    for (i = 0; i < m->base.n_accounts && !rc; i++)
        if (!l2a_base_dead(m, (uint32_t)i))
            rc = copy_account(m, &seg, &m->base, &m->base.accounts[i]);
    for (i = 0; i < m->delta.n_accounts && !rc; i++)
        rc = copy_account(m, &seg, &m->delta, &m->delta.accounts[i]);
    if (!rc)
        rc = l2a_segment_build(m, &seg);
    if (rc) {
        l2a_segment_free(&seg);
        return l2a_set_error(m->errmsg, rc, "compact: %s", l2a_strerror(rc));
    }
    if (m->base_mapped) {
        l2a_segment_discard_maps(&m->base); /* the tables stay in the mapping */
        m->base_mapped = 0;
    } else {
        l2a_segment_free(&m->base);
    }
    m->base = seg;
    l2a_churn_free(m);
    l2a_workspace_pool_clear(m);
    return L2A_OK;
}
