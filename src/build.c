/* SPDX-License-Identifier: MIT */
/*
 * Freezing a matcher: accounts are put in id order (so that nothing depends
 * on the order they were added in), free-mail domains are dropped, and the
 * domain map, the exact-name map and the trigram index are built.
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "matcher-internal.h"

typedef struct by_id {
    const char *id;
    uint32_t index;
} by_id;

static int compare_ids(const void *a, const void *b)
{
    return strcmp(((const by_id *)a)->id, ((const by_id *)b)->id);
}

static int sort_accounts_by_id(l2a_segment *m)
{
    by_id *order = l2a_mallocarray(m->n_accounts, sizeof *order);
    l2a_account *sorted = l2a_mallocarray(m->n_accounts, sizeof *sorted);
    const char *arena = l2a_buf_str(&m->arena);
    size_t i;

    if (!order || !sorted) {
        l2a_free(order);
        l2a_free(sorted);
        return L2A_ERR_NOMEM;
    }
    for (i = 0; i < m->n_accounts; i++) {
        order[i].id = arena + m->accounts[i].id.off;
        order[i].index = (uint32_t)i;
    }
    qsort(order, m->n_accounts, sizeof *order, compare_ids);
    /* memcpy carries the zeroed padding along, so snapshots are the same bytes every time. */
    for (i = 0; i < m->n_accounts; i++)
        memcpy(&sorted[i], &m->accounts[order[i].index], sizeof sorted[i]);
    l2a_free(order);
    l2a_free(m->accounts);
    m->accounts = sorted;
    m->cap_accounts = m->n_accounts;
    return L2A_OK;
}

/* Free-mail is never a matching signal, even when an account lists it. */
static void drop_freemail_domains(const l2a_matcher *mt, l2a_segment *m)
{
    const char *arena = l2a_buf_str(&m->arena);
    size_t i, j;

    for (i = 0; i < m->n_accounts; i++) {
        l2a_account *a = &m->accounts[i];
        uint32_t kept = 0;

        for (j = 0; j < a->n_domains; j++) {
            l2a_span d = m->doms[a->first_domain + j];
            if (l2a_dom_kind(mt->domains, arena + d.off) == L2A_DOMAIN_ORDINARY)
                m->doms[a->first_domain + kept++] = d;
        }
        a->n_domains = kept;
    }
}

static int build_maps(l2a_segment *m)
{
    l2a_keymap_builder *domains = NULL, *names = NULL;
    l2a_tri_builder *trigrams = NULL;
    const char *arena = l2a_buf_str(&m->arena);
    int rc;
    size_t i, j;

    rc = l2a_kmap_builder_new(&domains);
    if (!rc)
        rc = l2a_kmap_builder_new(&names);
    if (!rc)
        rc = l2a_tri_builder_new(&trigrams);
    for (i = 0; i < m->n_accounts && !rc; i++) {
        const l2a_account *a = &m->accounts[i];
        uint32_t doc = (uint32_t)i;

        for (j = 0; j < a->n_domains && !rc; j++) {
            l2a_span d = m->doms[a->first_domain + j];
            rc = l2a_kmap_builder_add(domains, arena + d.off, d.len, doc);
        }
        if (!rc && a->name.len)
            rc = l2a_kmap_builder_add(names, arena + a->name.off, a->name.len, doc);
        if (!rc && a->name.len)
            rc = l2a_tri_builder_add(trigrams, doc, arena + a->name.off, a->name.len);
        for (j = 0; j < a->n_aliases && !rc; j++) {
            l2a_span al = m->aliases[a->first_alias + j];
            rc = l2a_kmap_builder_add(names, arena + al.off, al.len, doc);
            if (!rc)
                rc = l2a_tri_builder_add(trigrams, doc, arena + al.off, al.len);
        }
    }
    if (rc) {
        l2a_kmap_builder_free(domains);
        l2a_kmap_builder_free(names);
        l2a_tri_builder_free(trigrams);
        return rc;
    }
    /* Each build call consumes its builder, whatever the outcome. */
    rc = l2a_kmap_build(domains, &m->domain_map);
    if (rc) {
        l2a_kmap_builder_free(names);
        l2a_tri_builder_free(trigrams);
        return rc;
    }
    rc = l2a_kmap_build(names, &m->name_map);
    if (rc) {
        l2a_tri_builder_free(trigrams);
        return rc;
    }
    return l2a_tri_build(trigrams, (uint32_t)m->n_accounts, &m->trigrams);
}

void l2a_segment_discard_maps(l2a_segment *m)
{
    l2a_kmap_free(m->domain_map);
    l2a_kmap_free(m->name_map);
    l2a_tri_free(m->trigrams);
    m->domain_map = NULL;
    m->name_map = NULL;
    m->trigrams = NULL;
}

int l2a_segment_build(const l2a_matcher *mt, l2a_segment *seg)
{
    int rc = sort_accounts_by_id(seg);

    if (!rc) {
        drop_freemail_domains(mt, seg);
        rc = build_maps(seg);
    }
    if (rc)
        l2a_segment_discard_maps(seg);
    return rc;
}

void l2a_segment_free(l2a_segment *seg)
{
    l2a_segment_discard_maps(seg);
    l2a_buf_free(&seg->arena);
    l2a_free(seg->accounts);
    l2a_free(seg->aliases);
    l2a_free(seg->doms);
    memset(seg, 0, sizeof *seg);
}

long l2a_segment_find(const l2a_segment *seg, const char *id, size_t len)
{
    const char *arena = l2a_buf_str(&seg->arena);
    size_t lo = 0, hi = seg->n_accounts;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        l2a_span sp = seg->accounts[mid].id;
        size_t n = sp.len < len ? sp.len : len;
        int c = memcmp(arena + sp.off, id, n);
        if (c == 0)
            c = (sp.len > len) - (sp.len < len);
        if (c == 0)
            return (long)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/*
 * The first call freezes the accounts added so far; later calls apply the
 * changes staged since (churn.c).
 */
L2A_API int l2a_matcher_build(l2a_matcher *m)
{
    int rc;

    if (!m)
        return L2A_ERR_INVALID_ARGUMENT;
    l2a_clear_error(m->errmsg);
    if (m->built)
        return l2a_churn_apply(m);
    if (m->base.n_accounts >= L2A_DELTA_DOC)
        return l2a_set_error(m->errmsg, L2A_ERR_INVALID_ARGUMENT, "build: too many accounts");
    rc = l2a_segment_build(m, &m->base);
    if (rc)
        return l2a_set_error(m->errmsg, rc, "build: %s", l2a_strerror(rc));
    l2a_idset_free(m->ids);
    m->ids = NULL;
    m->built = 1;
    return L2A_OK;
}
