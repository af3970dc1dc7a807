/* SPDX-License-Identifier: MIT */
/*
 * The trigram index as snapshot sections, and an index that reads them in
 * place from a mapped snapshot, checked so that a crafted file cannot make a
 * query read out of bounds or loop: the view checks what takes constant
 * time, l2a_tri_check() the rest, so that a loader can run it beside other
 * checks.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "alloc.h"
#include "l2a.h"
#include "snapshot-file.h"
#include "trigram-private.h"

/* The word index's sections follow the trigram index's own. */
#define WORDS_TAG 8

typedef struct tri_shape {
    uint32_t n_docs;
    uint32_t n_entries;
    uint32_t n_trigrams;
    uint32_t n_slots;
    uint32_t n_postings;
    uint32_t list_cap;
    uint64_t key_bytes;
    double max_idf;
    float inv_norm_q[256];
} tri_shape;

static uint64_t key_bytes(const l2a_trigram_index *idx)
{
    uint64_t end = 0;

    for (uint32_t e = 0; e < idx->n_entries; e++) {
        uint64_t stop = (uint64_t)idx->entry[e].key_off + idx->entry[e].key_len;
        end = stop > end ? stop : end;
    }
    return idx->keys ? end + 1 : 0;
}

int l2a_tri_save(const l2a_trigram_index *idx, l2a_snap_writer *w, uint32_t tag, char *errmsg)
{
    tri_shape shape;
    int rc;

    memset(&shape, 0, sizeof shape);
    shape.n_docs = idx->n_docs;
    shape.n_entries = idx->n_entries;
    shape.n_trigrams = idx->table.count;
    shape.n_slots = idx->table.slots ? (uint32_t)(idx->table.mask + 1) : 0;
    shape.n_postings = idx->list_off ? idx->list_off[idx->table.count] : 0;
    shape.list_cap = idx->list_cap;
    shape.key_bytes = key_bytes(idx);
    shape.max_idf = idx->max_idf;
    memcpy(shape.inv_norm_q, idx->inv_norm_q, sizeof shape.inv_norm_q);
    rc = l2a_snapw_add(w, tag, &shape, sizeof shape, errmsg);
    if (!rc)
        rc = l2a_snapw_add(w, tag + 1, idx->table.slots, (size_t)shape.n_slots * sizeof *idx->table.slots, errmsg);
    if (!rc)
        rc = l2a_snapw_add(w, tag + 2, idx->idf, (size_t)shape.n_trigrams * sizeof *idx->idf, errmsg);
    if (!rc)
        rc = l2a_snapw_add(w, tag + 3, idx->list_off,
                           idx->list_off ? ((size_t)shape.n_trigrams + 1) * sizeof *idx->list_off : 0, errmsg);
    if (!rc)
        rc = l2a_snapw_add(w, tag + 4, idx->postings, (size_t)shape.n_postings * sizeof *idx->postings, errmsg);
    if (!rc)
        rc = l2a_snapw_add(w, tag + 5, idx->entry, (size_t)shape.n_entries * sizeof *idx->entry, errmsg);
    if (!rc)
        rc = l2a_snapw_add(w, tag + 6, idx->sketch, (size_t)shape.n_entries * sizeof *idx->sketch, errmsg);
    if (!rc)
        rc = l2a_snapw_add(w, tag + 7, idx->keys, (size_t)shape.key_bytes, errmsg);
    if (!rc)
        rc = l2a_words_save(idx->words, w, tag + WORDS_TAG, errmsg);

    return rc;
}

static const void *sized_section(const l2a_snap_reader *r, uint32_t tag, size_t want)
{
    size_t size;
    const void *p = l2a_snapr_section(r, tag, &size);

    return p && size == want ? p : NULL;
}

static int table_ok(const l2a_trigram_index *idx)
{
    size_t free_slots = 0;

    if (!idx->table.slots)
        return idx->table.count == 0;
    for (size_t i = 0; i <= idx->table.mask; i++) {
        if (idx->table.slots[i].tid == NO_TRIGRAM)
            free_slots++;
        else if (idx->table.slots[i].tid >= idx->table.count)
            return 0;
    }
    return free_slots > 0;
}

/* The view checked the ends of list_off; ascending offsets keep every list inside postings. */
static int lists_ok(const l2a_trigram_index *idx, uint32_t n_postings)
{
    uint32_t t, p;

    if (!idx->list_off)
        return n_postings == 0;
    for (t = 0; t < idx->table.count; t++)
        if (idx->list_off[t] > idx->list_off[t + 1] || !isfinite(idx->idf[t]) || idx->idf[t] < 0)
            return 0;
    for (p = 0; p < n_postings; p++)
        if (idx->postings[p] >= idx->n_entries)
            return 0;
    return 1;
}

static int entries_ok(const l2a_trigram_index *idx, uint64_t n_key_bytes)
{
    for (uint32_t e = 0; e < idx->n_entries; e++) {
        const tri_entry_info *info = &idx->entry[e];
        if (info->doc >= idx->n_docs || (uint64_t)info->key_off + info->key_len >= n_key_bytes ||
            !isfinite(info->norm) || (e && idx->entry[e - 1].doc > info->doc))
            return 0;
    }
    return 1;
}

int l2a_tri_view(const l2a_snap_reader *r, uint32_t tag, uint32_t n_docs, l2a_trigram_index **out)
{
    const tri_shape *shape = sized_section(r, tag, sizeof(tri_shape));
    l2a_trigram_index *idx;
    int rc;

    *out = NULL;
    if (!shape || shape->n_docs != n_docs || (shape->n_slots & (shape->n_slots - 1)) ||
        (shape->n_slots && shape->n_trigrams >= shape->n_slots) || !isfinite(shape->max_idf) ||
        shape->key_bytes > SIZE_MAX)
        return L2A_ERR_SNAPSHOT_FORMAT;
    idx = l2a_calloc(1, sizeof *idx);
    if (!idx)
        return L2A_ERR_NOMEM;
    idx->borrowed = 1;
    idx->n_docs = shape->n_docs;
    idx->n_entries = shape->n_entries;
    idx->table.count = shape->n_trigrams;
    idx->table.mask = shape->n_slots ? (size_t)shape->n_slots - 1 : 0;
    idx->table.slots = shape->n_slots ? (tri_slot *)sized_section(r, tag + 1, (size_t)shape->n_slots * sizeof(tri_slot)) : NULL;
    idx->idf = (float *)sized_section(r, tag + 2, (size_t)shape->n_trigrams * sizeof(float));
    idx->list_off = (uint32_t *)sized_section(r, tag + 3, shape->n_slots ? ((size_t)shape->n_trigrams + 1) * sizeof(uint32_t) : 0);
    idx->postings = (uint32_t *)sized_section(r, tag + 4, (size_t)shape->n_postings * sizeof(uint32_t));
    idx->entry = (tri_entry_info *)sized_section(r, tag + 5, (size_t)shape->n_entries * sizeof(tri_entry_info));
    idx->sketch = (uint64_t *)sized_section(r, tag + 6, (size_t)shape->n_entries * sizeof(uint64_t));
    idx->keys = (char *)sized_section(r, tag + 7, (size_t)shape->key_bytes);
    idx->list_cap = shape->list_cap;
    idx->walk_budget = l2a_tri_walk_budget(idx->n_entries);
    idx->max_idf = shape->max_idf;
    memcpy(idx->inv_norm_q, shape->inv_norm_q, sizeof idx->inv_norm_q);
    if (!shape->n_slots)
        idx->list_off = NULL;
    if ((shape->n_slots && !idx->table.slots) || !idx->idf || (shape->n_slots && !idx->list_off) || !idx->postings ||
        !idx->entry || !idx->sketch || (!idx->keys && shape->key_bytes) ||
        (idx->list_off && (idx->list_off[0] != 0 || idx->list_off[idx->table.count] != shape->n_postings))) {
        l2a_free(idx);
        return L2A_ERR_SNAPSHOT_FORMAT;
    }
    if (shape->key_bytes == 0)
        idx->keys = NULL;
    rc = l2a_words_view(r, tag + WORDS_TAG, &idx->words);
    if (rc) {
        l2a_free(idx);
        return rc;
    }
    *out = idx;
    return L2A_OK;
}

int l2a_tri_check(const l2a_trigram_index *idx, const l2a_snap_reader *r, uint32_t tag)
{
    const tri_shape *shape = sized_section(r, tag, sizeof(tri_shape));

    if (!shape || !table_ok(idx) || !lists_ok(idx, shape->n_postings) || !entries_ok(idx, shape->key_bytes))
        return L2A_ERR_SNAPSHOT_FORMAT;
    if (l2a_words_check(idx->words, idx->n_entries))
        return L2A_ERR_SNAPSHOT_FORMAT;
    return L2A_OK;
}
