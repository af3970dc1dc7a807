/* SPDX-License-Identifier: MIT */
/*
 * A built matcher to one file and back. The file (snapshot-file.c) holds
 * the model, the account tables, the added free-mail domains and the three
 * indexes as sections; loading maps it read-only and points the matcher's
 * tables into the mapping, so opening is a matter of checks, not of work,
 * and processes that open the same file share its pages.
 *
 * Loading checks the frame and the small sections it parses first, then
 * views the tables in place and checks all of them through (checksums and
 * bounds, snapshot-check.c) on a few threads before it returns: a matcher
 * that loaded never reads a byte that was not checked.
 */
#include <string.h>

#include "alloc.h"
#include "matcher-internal.h"
#include "snapshot-file.h"

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
    uint32_t name_search; /* l2a_name_search; 0 in files written before it existed */
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
    meta.name_search = (uint32_t)m->name_search;
    if ((rc = l2a_model_write(&m->model, &model)) != L2A_OK) {
        l2a_buf_free(&model); /* what was written before the failure */
        return l2a_set_error(errmsg, rc, "out of memory");
    }
    freemail = l2a_dom_added_freemail(m->domains, &freemail_len);
    rc = add(w, L2A_SNAP_TAG_META, &meta, sizeof meta, errmsg);
    if (!rc)
        rc = add(w, L2A_SNAP_TAG_MODEL, model.data, model.len, errmsg);
    l2a_buf_free(&model);
    if (!rc)
        rc = add(w, L2A_SNAP_TAG_ARENA, m->base.arena.data, m->base.arena.len + 1, errmsg);
    if (!rc)
        rc = add(w, L2A_SNAP_TAG_ACCOUNTS, m->base.accounts, m->base.n_accounts * sizeof *m->base.accounts, errmsg);
    if (!rc)
        rc = add(w, L2A_SNAP_TAG_ALIASES, m->base.aliases, m->base.n_aliases * sizeof *m->base.aliases, errmsg);
    if (!rc)
        rc = add(w, L2A_SNAP_TAG_DOMAINS, m->base.doms, m->base.n_doms * sizeof *m->base.doms, errmsg);
    if (!rc)
        rc = add(w, L2A_SNAP_TAG_FREEMAIL, freemail, freemail_len, errmsg);
    if (!rc)
        rc = l2a_kmap_save(m->base.domain_map, w, L2A_SNAP_TAG_DOMAIN_MAP, errmsg);
    if (!rc)
        rc = l2a_kmap_save(m->base.name_map, w, L2A_SNAP_TAG_NAME_MAP, errmsg);
    if (!rc)
        rc = l2a_tri_save(m->base.trigrams, w, L2A_SNAP_TAG_TRIGRAMS, errmsg);
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

/* The sections that loading parses, verified against their checksums before they are read. */
static const uint32_t read_at_load[] = {
    L2A_SNAP_TAG_META,       L2A_SNAP_TAG_MODEL,    L2A_SNAP_TAG_FREEMAIL,
    L2A_SNAP_TAG_DOMAIN_MAP, L2A_SNAP_TAG_NAME_MAP, L2A_SNAP_TAG_TRIGRAMS,
};

/* So that damage to them is reported as damage, not as a model that does not parse. */
static int verify_read_at_load(l2a_matcher *m, const l2a_snap_reader *r, const char *path, uint64_t *verified)
{
    size_t k;

    *verified = 0;
    for (k = 0; k < sizeof read_at_load / sizeof read_at_load[0]; k++) {
        long i = l2a_snapr_find(r, read_at_load[k]);
        if (i < 0)
            return bad(m, path, "a section is missing");
        if (l2a_snapr_verify(r, (uint32_t)i) != L2A_OK)
            return bad(m, path, "checksum mismatch in a table description (corrupted)");
        *verified |= (uint64_t)1 << i;
    }
    return L2A_OK;
}

static int load_tables(l2a_matcher *m, const l2a_snap_reader *r, const char *path)
{
    const snap_meta *meta;
    const char *arena, *model;
    size_t size, arena_size, model_size;
    char err[L2A_ERRMSG_SIZE];
    l2a_model parsed;

    meta = section(r, L2A_SNAP_TAG_META, sizeof *meta, &size);
    if (!meta || meta->version != META_VERSION || meta->account_size != sizeof(l2a_account))
        return bad(m, path, "unknown table layout");
    if (!(meta->threshold >= 0 && meta->threshold <= 1) || !(meta->margin >= 0 && meta->margin <= 1) ||
        meta->max_candidates < 1 || meta->max_candidates > L2A_MAX_CANDIDATES_LIMIT ||
        meta->name_search > L2A_NAME_SEARCH_ALWAYS)
        return bad(m, path, "parameters out of range");
    model = section(r, L2A_SNAP_TAG_MODEL, 0, &model_size);
    if (!model || l2a_model_parse(model, model_size, &parsed, err) != L2A_OK)
        return bad(m, path, "the model does not parse");
    arena = section(r, L2A_SNAP_TAG_ARENA, 0, &arena_size);
    if (!arena || arena_size == 0 || arena[arena_size - 1] != '\0' || arena_size > UINT32_MAX)
        return bad(m, path, "string table");
    if (meta->n_accounts > SIZE_MAX / sizeof(l2a_account) || meta->n_accounts >= L2A_DELTA_DOC ||
        meta->n_aliases > SIZE_MAX / sizeof(uint32_t) || meta->n_doms > SIZE_MAX / sizeof(uint32_t))
        return bad(m, path, "table sizes");
    m->base.accounts = (l2a_account *)section(r, L2A_SNAP_TAG_ACCOUNTS, meta->n_accounts * sizeof(l2a_account), &size);
    m->base.aliases = (uint32_t *)section(r, L2A_SNAP_TAG_ALIASES, meta->n_aliases * sizeof(uint32_t), &size);
    m->base.doms = (uint32_t *)section(r, L2A_SNAP_TAG_DOMAINS, meta->n_doms * sizeof(uint32_t), &size);
    m->base.n_accounts = meta->n_accounts;
    m->base.n_aliases = meta->n_aliases;
    m->base.n_doms = meta->n_doms;
    m->base.arena.data = (char *)arena;
    m->base.arena.len = arena_size - 1;
    /* Their contents are checked with the indexes, on several threads (l2a_snapshot_check). */
    if ((!m->base.accounts && m->base.n_accounts) || (!m->base.aliases && m->base.n_aliases) ||
        (!m->base.doms && m->base.n_doms))
        return bad(m, path, "account tables");
    m->model = parsed;
    m->threshold = meta->threshold;
    m->margin = meta->margin;
    m->max_candidates = meta->max_candidates;
    m->name_search = (int)meta->name_search;
    return L2A_OK;
}

static int load_freemail(l2a_matcher *m, const l2a_snap_reader *r, const char *path)
{
    size_t size, i = 0;
    const char *names = l2a_snapr_section(r, L2A_SNAP_TAG_FREEMAIL, &size);

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
    int rc = l2a_kmap_view(r, L2A_SNAP_TAG_DOMAIN_MAP, &m->base.domain_map);

    if (!rc)
        rc = l2a_kmap_view(r, L2A_SNAP_TAG_NAME_MAP, &m->base.name_map);
    if (!rc)
        rc = l2a_tri_view(r, L2A_SNAP_TAG_TRIGRAMS, (uint32_t)m->base.n_accounts, &m->base.trigrams);
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
    uint64_t verified;
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
    rc = verify_read_at_load(m, r, path, &verified);
    if (!rc)
        rc = load_tables(m, r, path);
    if (!rc)
        rc = load_freemail(m, r, path);
    if (!rc)
        rc = load_indexes(m, r, path);
    /* Nothing reads the tables before this has passed. */
    if (!rc)
        rc = l2a_snapshot_check(m, path, verified, m->errmsg);
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
