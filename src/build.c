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
        order[i].id = arena + m->accounts[i].id;
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
            uint32_t d = m->doms[a->first_domain + j];
            if (l2a_dom_kind(mt->domains, arena + d) == L2A_DOMAIN_ORDINARY)
                m->doms[a->first_domain + kept++] = d;
        }
        a->n_domains = kept;
    }
}

static int build_domain_map(l2a_segment *m)
{
    const char *arena = l2a_buf_str(&m->arena);
    l2a_keymap_builder *b = NULL;
    size_t n = 0, i, j;
    int rc;

    for (i = 0; i < m->n_accounts; i++)
        n += m->accounts[i].n_domains;
    rc = l2a_kmap_builder_new(&m->arena, &b);
    if (!rc)
        rc = l2a_kmap_builder_reserve(b, n);
    for (i = 0; i < m->n_accounts && !rc; i++) {
        const l2a_account *a = &m->accounts[i];

        for (j = 0; j < a->n_domains && !rc; j++) {
            uint32_t d = m->doms[a->first_domain + j];
            rc = l2a_kmap_builder_add(b, d, strlen(arena + d), (uint32_t)i);
        }
    }
    if (rc) {
        l2a_kmap_builder_free(b);
        return rc;
    }
    return l2a_kmap_build(b, &m->domain_map);
}

static int build_name_map(l2a_segment *m)
{
    const char *arena = l2a_buf_str(&m->arena);
    l2a_keymap_builder *b = NULL;
    size_t n = 0, i, j;
    int rc;

    for (i = 0; i < m->n_accounts; i++)
        n += (m->accounts[i].name != 0) + m->accounts[i].n_aliases;
    rc = l2a_kmap_builder_new(&m->arena, &b);
    if (!rc)
        rc = l2a_kmap_builder_reserve(b, n);
    for (i = 0; i < m->n_accounts && !rc; i++) {
        const l2a_account *a = &m->accounts[i];

        rc = l2a_kmap_builder_add(b, a->name, strlen(arena + a->name), (uint32_t)i);
        for (j = 0; j < a->n_aliases && !rc; j++) {
            uint32_t al = m->aliases[a->first_alias + j];
            rc = l2a_kmap_builder_add(b, al, strlen(arena + al), (uint32_t)i);
        }
    }
    if (rc) {
        l2a_kmap_builder_free(b);
        return rc;
    }
    return l2a_kmap_build(b, &m->name_map);
}

static int build_trigrams(l2a_segment *m)
{
    l2a_tri_builder *b = NULL;
    const char *arena = l2a_buf_str(&m->arena);
    size_t i, j;
    int rc = l2a_tri_builder_new(&b);

    for (i = 0; i < m->n_accounts && !rc; i++) {
        const l2a_account *a = &m->accounts[i];
        uint32_t doc = (uint32_t)i;

        if (a->name)
            rc = l2a_tri_builder_add(b, doc, arena + a->name, strlen(arena + a->name));
        for (j = 0; j < a->n_aliases && !rc; j++) {
            const char *al = arena + m->aliases[a->first_alias + j];
            rc = l2a_tri_builder_add(b, doc, al, strlen(al));
        }
    }
    if (rc) {
        l2a_tri_builder_free(b);
        return rc;
    }
    return l2a_tri_build(b, (uint32_t)m->n_accounts, &m->trigrams);
}

/*
 * One index at a time, each builder freed before the next starts, so that
 * the peak is that of the largest build and not of all three together; the
 * trigram index first, as its build needs the most scratch memory, which
 * the two maps then reuse.
 */
static int build_maps(l2a_segment *m)
{
    int rc = build_trigrams(m);

    if (!rc)
        rc = build_domain_map(m);
    if (!rc)
        rc = build_name_map(m);
    return rc;
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
    size_t lo = 0, hi = seg->n_accounts;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        l2a_str sp = l2a_seg_str(seg, seg->accounts[mid].id);
        int c = memcmp(sp.s, id, sp.len < len ? sp.len : len);
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
    /* Ids are only checked until the build: their set's memory goes to the build (a failed one restores it). */
    l2a_idset_free(m->ids);
    m->ids = NULL;
    rc = l2a_segment_build(m, &m->base);
    if (rc)
        return l2a_set_error(m->errmsg, rc, "build: %s", l2a_strerror(rc));
    m->built = 1;
    return L2A_OK;
}
