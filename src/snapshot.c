/* SPDX-License-Identifier: MIT */
/*
 * A built matcher to one file and back. The file (snapshot-file.c) holds
 * the model, the account tables, the added free-mail domains and the three
 * indexes as sections; loading maps it read-only and points the matcher's
 * tables into the mapping, so opening is a matter of checks, not of work,
 * and processes that open the same file share its pages.
 */
#include <string.h>

#include "alloc.h"
#include "matcher-internal.h"
#include "snapshot-file.h"

enum {
    TAG_META = 1,
    TAG_MODEL = 2,
    TAG_ARENA = 3,
    TAG_ACCOUNTS = 4,
    TAG_ALIASES = 5,
    TAG_DOMAINS = 6,
    TAG_FREEMAIL = 7,
    TAG_DOMAIN_MAP = 100, /* 100.. for the keymap's own sections */
    TAG_NAME_MAP = 200,
    TAG_TRIGRAMS = 300,
};

#define META_VERSION 1u

typedef struct snap_meta {
    uint32_t version;
    uint32_t account_size; /* sizeof(l2a_account): a layout check */
    uint64_t n_accounts;
    uint64_t n_aliases;
    uint64_t n_doms;
    double threshold;
    double margin;
    uint32_t max_candidates;
    uint32_t reserved;
} snap_meta;

static int add(l2a_snap_writer *w, uint32_t tag, const void *data, size_t size, char *errmsg)
{
    return l2a_snapw_add(w, tag, data, size, errmsg);
}

static int write_sections(const l2a_matcher *m, l2a_snap_writer *w, char *errmsg)
{
    snap_meta meta;
    l2a_buf model = L2A_BUF_INIT;
    const char *freemail;
    size_t freemail_len;
    int rc;

    memset(&meta, 0, sizeof meta);
    meta.version = META_VERSION;
    meta.account_size = sizeof(l2a_account);
    meta.n_accounts = m->base.n_accounts;
    meta.n_aliases = m->base.n_aliases;
    meta.n_doms = m->base.n_doms;
    meta.threshold = m->threshold;
    meta.margin = m->margin;
    meta.max_candidates = m->max_candidates;
    if ((rc = l2a_model_write(&m->model, &model)) != L2A_OK) {
        l2a_buf_free(&model); /* what was written before the failure */
        return l2a_set_error(errmsg, rc, "out of memory");
    }
    freemail = l2a_dom_added_freemail(m->domains, &freemail_len);
    rc = add(w, TAG_META, &meta, sizeof meta, errmsg);
    if (!rc)
        rc = add(w, TAG_MODEL, model.data, model.len, errmsg);
    l2a_buf_free(&model);
    if (!rc)
        rc = add(w, TAG_ARENA, m->base.arena.data, m->base.arena.len + 1, errmsg);
    if (!rc)
        rc = add(w, TAG_ACCOUNTS, m->base.accounts, m->base.n_accounts * sizeof *m->base.accounts, errmsg);
    if (!rc)
        rc = add(w, TAG_ALIASES, m->base.aliases, m->base.n_aliases * sizeof *m->base.aliases, errmsg);
    if (!rc)
        rc = add(w, TAG_DOMAINS, m->base.doms, m->base.n_doms * sizeof *m->base.doms, errmsg);
    if (!rc)
        rc = add(w, TAG_FREEMAIL, freemail, freemail_len, errmsg);
    if (!rc)
        rc = l2a_kmap_save(m->base.domain_map, w, TAG_DOMAIN_MAP, errmsg);
    if (!rc)
        rc = l2a_kmap_save(m->base.name_map, w, TAG_NAME_MAP, errmsg);
    if (!rc)
        rc = l2a_tri_save(m->base.trigrams, w, TAG_TRIGRAMS, errmsg);
    return rc;
}

L2A_API int l2a_matcher_save_snapshot(const l2a_matcher *m, const char *path)
{
    /* Errors are reported on the matcher, whose message is the one mutable part of a save. */
    l2a_matcher *report = (l2a_matcher *)m;
    l2a_snap_writer *w;
    int rc;

    if (!m)
        return L2A_ERR_INVALID_ARGUMENT;
    l2a_clear_error(report->errmsg);
    if (!path)
        return l2a_set_error(report->errmsg, L2A_ERR_INVALID_ARGUMENT, "save_snapshot: NULL path");
    if (!m->built)
        return l2a_set_error(report->errmsg, L2A_ERR_NOT_BUILT, "save_snapshot: build the matcher first");
    if (m->n_pending || m->n_dead || m->delta.n_accounts)
        return l2a_set_error(report->errmsg, L2A_ERR_INVALID_ARGUMENT,
                             "save_snapshot: the matcher has account changes: compact first (l2a_matcher_compact)");
    if ((rc = l2a_snapw_begin(path, &w, report->errmsg)) != L2A_OK)
        return rc;
    rc = write_sections(m, w, report->errmsg);
    if (rc) {
        l2a_snapw_abort(w);
        return rc;
    }
    return l2a_snapw_commit(w, report->errmsg);
}

/* ---- loading ---- */

static int bad(l2a_matcher *m, const char *path, const char *what)
{
    return l2a_set_error(m->errmsg, L2A_ERR_SNAPSHOT_FORMAT, "%s: not a usable snapshot: %s", path, what);
}

static const void *section(const l2a_snap_reader *r, uint32_t tag, size_t want, size_t *size)
{
    const void *p = l2a_snapr_section(r, tag, size);

    return p && (want == 0 || *size == want) ? p : NULL;
}

/* A string is an offset inside the arena, which ends with a NUL: reading it stays inside. */
static int text_ok(uint32_t off, size_t arena_size)
{
    return (size_t)off < arena_size;
}

static int accounts_ok(const l2a_matcher *m, size_t arena_size)
{
    const char *arena = m->base.arena.data;
    size_t i, j;

    for (i = 0; i < m->base.n_accounts; i++) {
        const l2a_account *a = &m->base.accounts[i];
        if (!text_ok(a->id, arena_size) || !text_ok(a->name, arena_size) || !text_ok(a->region, arena_size) ||
            !text_ok(a->city, arena_size) || !text_ok(a->phone, arena_size) || a->country[2] != '\0' ||
            (size_t)a->first_alias + a->n_aliases > m->base.n_aliases ||
            (size_t)a->first_domain + a->n_domains > m->base.n_doms)
            return 0;
        /* Ids in strictly increasing order: the order matching relies on. */
        if (i && strcmp(arena + m->base.accounts[i - 1].id, arena + a->id) >= 0)
            return 0;
    }
    for (j = 0; j < m->base.n_aliases; j++)
        if (!text_ok(m->base.aliases[j], arena_size))
            return 0;
    for (j = 0; j < m->base.n_doms; j++)
        if (!text_ok(m->base.doms[j], arena_size))
            return 0;
    return 1;
}

static int load_tables(l2a_matcher *m, const l2a_snap_reader *r, const char *path)
{
    const snap_meta *meta;
    const char *arena, *model;
    size_t size, arena_size, model_size;
    char err[L2A_ERRMSG_SIZE];
    l2a_model parsed;

    meta = section(r, TAG_META, sizeof *meta, &size);
    if (!meta || meta->version != META_VERSION || meta->account_size != sizeof(l2a_account))
        return bad(m, path, "unknown table layout");
    if (!(meta->threshold >= 0 && meta->threshold <= 1) || !(meta->margin >= 0 && meta->margin <= 1) ||
        meta->max_candidates < 1 || meta->max_candidates > L2A_MAX_CANDIDATES_LIMIT)
        return bad(m, path, "parameters out of range");
    model = section(r, TAG_MODEL, 0, &model_size);
    if (!model || l2a_model_parse(model, model_size, &parsed, err) != L2A_OK)
        return bad(m, path, "the model does not parse");
    arena = section(r, TAG_ARENA, 0, &arena_size);
    if (!arena || arena_size == 0 || arena[arena_size - 1] != '\0' || arena_size > UINT32_MAX)
        return bad(m, path, "string table");
    if (meta->n_accounts > SIZE_MAX / sizeof(l2a_account) || meta->n_accounts >= L2A_DELTA_DOC ||
        meta->n_aliases > SIZE_MAX / sizeof(uint32_t) || meta->n_doms > SIZE_MAX / sizeof(uint32_t))
        return bad(m, path, "table sizes");
    m->base.accounts = (l2a_account *)section(r, TAG_ACCOUNTS, meta->n_accounts * sizeof(l2a_account), &size);
    m->base.aliases = (uint32_t *)section(r, TAG_ALIASES, meta->n_aliases * sizeof(uint32_t), &size);
    m->base.doms = (uint32_t *)section(r, TAG_DOMAINS, meta->n_doms * sizeof(uint32_t), &size);
    m->base.n_accounts = meta->n_accounts;
    m->base.n_aliases = meta->n_aliases;
    m->base.n_doms = meta->n_doms;
    m->base.arena.data = (char *)arena;
    m->base.arena.len = arena_size - 1;
    if ((!m->base.accounts && m->base.n_accounts) || (!m->base.aliases && m->base.n_aliases) || (!m->base.doms && m->base.n_doms) ||
        !accounts_ok(m, arena_size))
        return bad(m, path, "account tables");
    m->model = parsed;
    m->threshold = meta->threshold;
    m->margin = meta->margin;
    m->max_candidates = meta->max_candidates;
    return L2A_OK;
}

static int load_freemail(l2a_matcher *m, const l2a_snap_reader *r, const char *path)
{
    size_t size, i = 0;
    const char *names = l2a_snapr_section(r, TAG_FREEMAIL, &size);

    if (!names || (size && names[size - 1] != '\0'))
        return bad(m, path, "free-mail table");
    while (i < size) {
        size_t len = strlen(names + i);
        int rc = l2a_dom_add_freemail(m->domains, names + i, len);
        if (rc == L2A_ERR_NOMEM)
            return l2a_set_error(m->errmsg, rc, "out of memory");
        if (rc)
            return bad(m, path, "free-mail table");
        i += len + 1;
    }
    return L2A_OK;
}

static int load_indexes(l2a_matcher *m, const l2a_snap_reader *r, const char *path)
{
    uint32_t n = (uint32_t)m->base.n_accounts;
    int rc = l2a_kmap_view(r, TAG_DOMAIN_MAP, n, &m->base.domain_map);

    if (!rc)
        rc = l2a_kmap_view(r, TAG_NAME_MAP, n, &m->base.name_map);
    if (!rc)
        rc = l2a_tri_view(r, TAG_TRIGRAMS, n, &m->base.trigrams);
    if (rc == L2A_ERR_NOMEM)
        return l2a_set_error(m->errmsg, rc, "out of memory");
    if (rc)
        return bad(m, path, "index tables");
    return L2A_OK;
}

/* Back to the state of a new matcher, so that a failed load leaves it usable. */
static void forget_snapshot(l2a_matcher *m)
{
    l2a_kmap_free(m->base.domain_map);
    l2a_kmap_free(m->base.name_map);
    l2a_tri_free(m->base.trigrams);
    m->base.domain_map = m->base.name_map = NULL;
    m->base.trigrams = NULL;
    m->base.accounts = NULL;
    m->base.aliases = m->base.doms = NULL;
    m->base.n_accounts = m->base.n_aliases = m->base.n_doms = 0;
    m->base.arena = m->own_arena;
    l2a_snapr_close(m->snapshot);
    m->snapshot = NULL;
}

L2A_API int l2a_matcher_load_snapshot(l2a_matcher *m, const char *path)
{
    l2a_snap_reader *r;
    int rc;

    if (!m)
        return L2A_ERR_INVALID_ARGUMENT;
    l2a_clear_error(m->errmsg);
    if (!path)
        return l2a_set_error(m->errmsg, L2A_ERR_INVALID_ARGUMENT, "load_snapshot: NULL path");
    if (m->built)
        return l2a_set_error(m->errmsg, L2A_ERR_ALREADY_BUILT, "load_snapshot: the matcher is already built");
    if (m->base.n_accounts)
        return l2a_set_error(m->errmsg, L2A_ERR_INVALID_ARGUMENT,
                             "load_snapshot: the matcher already has accounts");
    if ((rc = l2a_snapr_open(path, &r, m->errmsg)) != L2A_OK)
        return rc;
    m->own_arena = m->base.arena;
    m->snapshot = r;
    rc = load_tables(m, r, path);
    if (!rc)
        rc = load_freemail(m, r, path);
    if (!rc)
        rc = load_indexes(m, r, path);
    if (rc) {
        forget_snapshot(m);
        return rc;
    }
    l2a_idset_free(m->ids);
    m->ids = NULL;
    m->base_mapped = 1;
    m->built = 1;
    return L2A_OK;
}
