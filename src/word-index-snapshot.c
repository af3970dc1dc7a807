/* SPDX-License-Identifier: MIT */
/*
 * The word index as snapshot sections, and an index that reads them in
 * place from a mapped snapshot, checked so that a crafted file cannot make
 * a lookup read out of bounds: the view checks sizes, l2a_words_check()
 * everything a lookup follows.
 */
#include <string.h>

#include "alloc.h"
#include "l2a.h"
#include "snapshot-file.h"
#include "word-index-private.h"

typedef struct words_shape {
    uint32_t n_words;
    uint32_t n_postings;
    uint32_t words_bits;
    uint32_t words_n;
    uint32_t edits_bits;
    uint32_t edits_n;
} words_shape;

int l2a_words_save(const l2a_word_index *w, l2a_snap_writer *wr, uint32_t tag, char *errmsg)
{
    words_shape shape = {w->n_words, w->n_postings, w->words.bits, w->words.n, w->edits.bits, w->edits.n};
    int rc = l2a_snapw_add(wr, tag, &shape, sizeof shape, errmsg);

    if (!rc)
        rc = l2a_snapw_add(wr, tag + 1, w->words.dir, l2a_words_dir_bytes(w->words.bits), errmsg);
    if (!rc)
        rc = l2a_snapw_add(wr, tag + 2, w->words.item, (size_t)w->words.n * sizeof *w->words.item, errmsg);
    if (!rc)
        rc = l2a_snapw_add(wr, tag + 3, w->edits.dir, l2a_words_dir_bytes(w->edits.bits), errmsg);
    if (!rc)
        rc = l2a_snapw_add(wr, tag + 4, w->edits.item, (size_t)w->edits.n * sizeof *w->edits.item, errmsg);
    if (!rc)
        rc = l2a_snapw_add(wr, tag + 5, w->list_off, ((size_t)w->n_words + 1) * sizeof *w->list_off, errmsg);
    if (!rc)
        rc = l2a_snapw_add(wr, tag + 6, w->postings, (size_t)w->n_postings * sizeof *w->postings, errmsg);
    if (!rc)
        rc = l2a_snapw_add(wr, tag + 7, w->word_hash, (size_t)w->n_words * sizeof *w->word_hash, errmsg);
    return rc;
}

static const void *sized_section(const l2a_snap_reader *r, uint32_t tag, size_t want)
{
    size_t size;
    const void *p = l2a_snapr_section(r, tag, &size);

    return p && size == want ? p : NULL;
}

int l2a_words_view(const l2a_snap_reader *r, uint32_t tag, l2a_word_index **out)
{
    const words_shape *shape = sized_section(r, tag, sizeof(words_shape));
    l2a_word_index *w;

    *out = NULL;
    if (!shape || shape->words_bits > 30 || shape->edits_bits > 30 || shape->words_n != shape->n_words)
        return L2A_ERR_SNAPSHOT_FORMAT;
    w = l2a_calloc(1, sizeof *w);
    if (!w)
        return L2A_ERR_NOMEM;
    w->borrowed = 1;
    w->n_words = shape->n_words;
    w->n_postings = shape->n_postings;
    w->words.bits = shape->words_bits;
    w->words.n = shape->words_n;
    w->edits.bits = shape->edits_bits;
    w->edits.n = shape->edits_n;
    w->words.dir = (uint32_t *)sized_section(r, tag + 1, l2a_words_dir_bytes(shape->words_bits));
    w->words.item = (uint64_t *)sized_section(r, tag + 2, (size_t)shape->words_n * sizeof(uint64_t));
    w->edits.dir = (uint32_t *)sized_section(r, tag + 3, l2a_words_dir_bytes(shape->edits_bits));
    w->edits.item = (uint64_t *)sized_section(r, tag + 4, (size_t)shape->edits_n * sizeof(uint64_t));
    w->list_off = (uint32_t *)sized_section(r, tag + 5, ((size_t)shape->n_words + 1) * sizeof(uint32_t));
    w->postings = (uint32_t *)sized_section(r, tag + 6, (size_t)shape->n_postings * sizeof(uint32_t));
    w->word_hash = (uint64_t *)sized_section(r, tag + 7, (size_t)shape->n_words * sizeof(uint64_t));
    if ((!w->word_hash && w->n_words) || !w->words.dir || (!w->words.item && w->words.n) || !w->edits.dir || (!w->edits.item && w->edits.n) ||
        !w->list_off || (!w->postings && w->n_postings)) {
        l2a_free(w);
        return L2A_ERR_SNAPSHOT_FORMAT;
    }
    *out = w;
    return L2A_OK;
}

/* Bucket starts ascending from 0 to n, and every value a word number. */
static int map_ok(const hash_map *m, uint32_t n_words)
{
    size_t n_buckets = (size_t)1 << m->bits;

    if (m->dir[0] != 0 || m->dir[n_buckets] != m->n)
        return 0;
    for (size_t b = 0; b < n_buckets; b++)
        if (m->dir[b] > m->dir[b + 1])
            return 0;
    for (uint32_t i = 0; i < m->n; i++)
        if ((uint32_t)m->item[i] >= n_words)
            return 0;
    return 1;
}

int l2a_words_check(const l2a_word_index *w, uint32_t n_entries)
{
    if (!map_ok(&w->words, w->n_words) || !map_ok(&w->edits, w->n_words) || w->list_off[0] != 0 ||
        w->list_off[w->n_words] != w->n_postings)
        return L2A_ERR_SNAPSHOT_FORMAT;
    for (uint32_t id = 0; id < w->n_words; id++)
        if (w->list_off[id] > w->list_off[id + 1])
            return L2A_ERR_SNAPSHOT_FORMAT;
    for (uint32_t p = 0; p < w->n_postings; p++)
        if (w->postings[p] >= n_entries)
            return L2A_ERR_SNAPSHOT_FORMAT;
    return L2A_OK;
}
