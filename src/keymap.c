/* SPDX-License-Identifier: MIT */
/*
 * The builder keeps one flat array of (hash, key, id) records and one byte
 * arena; building sorts the records by (hash, key bytes, id), so that each
 * distinct key and its ascending ids form one run, and compacts the runs into
 * flat arrays. Lookups confirm the key bytes, so a hash collision can never
 * return another key's ids.
 *
 * Sizes are 32-bit (keys, key bytes, postings): a map that would outgrow them
 * is refused with L2A_ERR_NOMEM, as for any other allocation it cannot make.
 */
#include "keymap.h"

#include <string.h>
#include <xxhash.h>

#include "alloc.h"
#include "buf.h"
#include "errors.h"
#include "l2a.h"
#include "snapshot-file.h"

#define EMPTY_SLOT UINT32_MAX
/* Buckets of the first sorting pass hold about this many records on average. */
#define RECORDS_PER_BUCKET 8
#define MAX_BUCKET_BITS 20
#define INSERTION_SORT_MAX 16

typedef struct kmap_pair {
    uint64_t hash;
    size_t key_off; /* into the builder's arena */
    uint32_t key_len;
    uint32_t id;
} kmap_pair;

/* A record during the build, when the arena no longer moves. */
typedef struct kmap_item {
    uint64_t hash;
    const char *key;
    uint32_t key_len;
    uint32_t id;
} kmap_item;

struct l2a_keymap_builder {
    kmap_pair *pairs;
    size_t n_pairs;
    size_t cap_pairs;
    l2a_buf arena;
};

struct l2a_keymap {
    uint32_t n_keys;
    uint64_t *key_hash; /* [n_keys] */
    uint32_t *key_off;  /* [n_keys + 1] into bytes */
    char *bytes;
    uint32_t *post_off; /* [n_keys + 1] into ids */
    uint32_t *ids;
    uint32_t *slots; /* key index per slot, EMPTY_SLOT when free */
    size_t mask;     /* slot count - 1 */
    int borrowed;    /* the arrays belong to a mapped snapshot */
};

int l2a_kmap_builder_new(l2a_keymap_builder **out)
{
    l2a_keymap_builder *b;

    if (!out)
        return L2A_ERR_INVALID_ARGUMENT;
    *out = NULL;
    b = l2a_calloc(1, sizeof *b);
    if (!b)
        return L2A_ERR_NOMEM;
    l2a_buf_init(&b->arena);
    *out = b;
    return L2A_OK;
}

void l2a_kmap_builder_free(l2a_keymap_builder *b)
{
    if (!b)
        return;
    l2a_free(b->pairs);
    l2a_buf_free(&b->arena);
    l2a_free(b);
}

static int grow_pairs(l2a_keymap_builder *b)
{
    size_t cap = b->cap_pairs ? b->cap_pairs * 2 : 64;
    kmap_pair *pairs;

    if (cap < b->cap_pairs)
        return L2A_ERR_NOMEM;
    pairs = l2a_reallocarray(b->pairs, cap, sizeof *pairs);
    if (!pairs)
        return L2A_ERR_NOMEM;
    b->pairs = pairs;
    b->cap_pairs = cap;
    return L2A_OK;
}

/* Callers often add one key with several ids in a row: store its bytes once. */
static int store_key(l2a_keymap_builder *b, const char *key, uint32_t len, size_t *off)
{
    int rc;

    if (b->n_pairs > 0) {
        const kmap_pair *last = &b->pairs[b->n_pairs - 1];

        if (last->key_len == len && memcmp(b->arena.data + last->key_off, key, len) == 0) {
            *off = last->key_off;
            return L2A_OK;
        }
    }
    *off = b->arena.len;
    rc = l2a_buf_append(&b->arena, key, len);
    return rc;
}

int l2a_kmap_builder_add(l2a_keymap_builder *b, const char *key, size_t len, uint32_t id)
{
    kmap_pair *p;
    size_t off;
    int rc;

    if (!b || (!key && len))
        return L2A_ERR_INVALID_ARGUMENT;
    if (len == 0)
        return L2A_OK;
    if (len > UINT32_MAX)
        return L2A_ERR_TOO_LONG;
    if (b->n_pairs == b->cap_pairs && (rc = grow_pairs(b)) != L2A_OK)
        return rc;
    rc = store_key(b, key, (uint32_t)len, &off);
    if (rc)
        return rc;
    p = &b->pairs[b->n_pairs++];
    p->hash = XXH3_64bits(key, len);
    p->key_off = off;
    p->key_len = (uint32_t)len;
    p->id = id;
    return L2A_OK;
}

/* ---- sorting by (hash, key bytes, id) ---- */

static int compare_key_bytes(const kmap_item *a, const kmap_item *b)
{
    uint32_t n = a->key_len < b->key_len ? a->key_len : b->key_len;
    int c = memcmp(a->key, b->key, n);

    if (c)
        return c;
    return (a->key_len > b->key_len) - (a->key_len < b->key_len);
}

static int compare_items(const kmap_item *a, const kmap_item *b)
{
    int c;

    if (a->hash != b->hash)
        return a->hash < b->hash ? -1 : 1;
    c = compare_key_bytes(a, b);
    if (c)
        return c;
    return (a->id > b->id) - (a->id < b->id);
}

static void insertion_sort(kmap_item *v, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        kmap_item x = v[i];
        size_t j = i;

        while (j > 0 && compare_items(&v[j - 1], &x) > 0) {
            v[j] = v[j - 1];
            j--;
        }
        v[j] = x;
    }
}

static void sift_down(kmap_item *v, size_t root, size_t n)
{
    for (;;) {
        size_t child = 2 * root + 1;
        kmap_item t;

        if (child >= n)
            return;
        if (child + 1 < n && compare_items(&v[child], &v[child + 1]) < 0)
            child++;
        if (compare_items(&v[root], &v[child]) >= 0)
            return;
        t = v[root];
        v[root] = v[child];
        v[child] = t;
        root = child;
    }
}

/* Buckets are small unless one key carries many ids: heapsort bounds that case. */
static void sort_bucket(kmap_item *v, size_t n)
{
    if (n <= INSERTION_SORT_MAX) {
        insertion_sort(v, n);
        return;
    }
    for (size_t i = n / 2; i-- > 0;)
        sift_down(v, i, n);
    for (size_t end = n - 1; end > 0; end--) {
        kmap_item t = v[0];

        v[0] = v[end];
        v[end] = t;
        sift_down(v, 0, end);
    }
}

static unsigned bucket_bits_for(size_t n)
{
    unsigned bits = 0;

    while (bits < MAX_BUCKET_BITS && ((size_t)1 << bits) * RECORDS_PER_BUCKET < n)
        bits++;
    return bits;
}

static size_t bucket_of(uint64_t hash, unsigned bits)
{
    return bits ? (size_t)(hash >> (64 - bits)) : 0;
}

/*
 * One counting pass on the top hash bits spreads the records over buckets of
 * a few records each, which are then sorted in place: the output is in full
 * (hash, bytes, id) order since the top bits are the most significant ones.
 */
static int sort_pairs(const l2a_keymap_builder *b, kmap_item **out)
{
    unsigned bits = bucket_bits_for(b->n_pairs);
    size_t n_buckets = (size_t)1 << bits;
    size_t *start = l2a_calloc(n_buckets + 1, sizeof *start);
    kmap_item *items = l2a_mallocarray(b->n_pairs, sizeof *items);

    if (!start || !items) {
        l2a_free(start);
        l2a_free(items);
        return L2A_ERR_NOMEM;
    }
    for (size_t i = 0; i < b->n_pairs; i++)
        start[bucket_of(b->pairs[i].hash, bits) + 1]++;
    for (size_t k = 0; k < n_buckets; k++)
        start[k + 1] += start[k];
    for (size_t i = 0; i < b->n_pairs; i++) {
        const kmap_pair *p = &b->pairs[i];
        kmap_item *it = &items[start[bucket_of(p->hash, bits)]++];

        it->hash = p->hash;
        it->key = b->arena.data + p->key_off;
        it->key_len = p->key_len;
        it->id = p->id;
    }
    /* start[k] now holds the end of bucket k, which is the beginning of k + 1. */
    for (size_t k = 0, from = 0; k < n_buckets; k++) {
        sort_bucket(items + from, start[k] - from);
        from = start[k];
    }
    l2a_free(start);
    *out = items;
    return L2A_OK;
}

/* ---- compaction into the frozen map ---- */

static int same_key(const kmap_item *a, const kmap_item *b)
{
    return a->hash == b->hash && compare_key_bytes(a, b) == 0;
}

typedef struct kmap_totals {
    size_t keys;
    size_t postings;
    size_t bytes;
} kmap_totals;

static kmap_totals count_runs(const kmap_item *items, size_t n)
{
    kmap_totals t = {0, 0, 0};

    for (size_t i = 0; i < n; i++) {
        if (i == 0 || !same_key(&items[i - 1], &items[i])) {
            t.keys++;
            t.postings++;
            t.bytes += items[i].key_len;
        } else if (items[i - 1].id != items[i].id) {
            t.postings++;
        }
    }
    return t;
}

static int alloc_map(l2a_keymap *m, const kmap_totals *t)
{
    size_t slots = 2;

    while (slots < 2 * t->keys)
        slots *= 2;
    m->n_keys = (uint32_t)t->keys;
    m->key_hash = l2a_mallocarray(t->keys, sizeof *m->key_hash);
    m->key_off = l2a_mallocarray(t->keys + 1, sizeof *m->key_off);
    m->bytes = l2a_malloc(t->bytes);
    m->post_off = l2a_mallocarray(t->keys + 1, sizeof *m->post_off);
    m->ids = l2a_mallocarray(t->postings, sizeof *m->ids);
    m->slots = l2a_mallocarray(slots, sizeof *m->slots);
    m->mask = slots - 1;
    if (!m->key_hash || !m->key_off || !m->bytes || !m->post_off || !m->ids || !m->slots)
        return L2A_ERR_NOMEM;
    memset(m->slots, 0xff, slots * sizeof *m->slots);
    return L2A_OK;
}

static void fill_map(l2a_keymap *m, const kmap_item *items, size_t n)
{
    uint32_t key = 0, bytes = 0, postings = 0;

    for (size_t i = 0; i < n; i++) {
        const kmap_item *it = &items[i];

        if (i == 0 || !same_key(&items[i - 1], it)) {
            m->key_hash[key] = it->hash;
            m->key_off[key] = bytes;
            m->post_off[key] = postings;
            memcpy(m->bytes + bytes, it->key, it->key_len);
            bytes += it->key_len;
            key++;
        } else if (items[i - 1].id == it->id) {
            continue;
        }
        m->ids[postings++] = it->id;
    }
    m->key_off[key] = bytes;
    m->post_off[key] = postings;
}

static void fill_slots(l2a_keymap *m)
{
    for (uint32_t k = 0; k < m->n_keys; k++) {
        size_t i = (size_t)m->key_hash[k] & m->mask;

        while (m->slots[i] != EMPTY_SLOT)
            i = (i + 1) & m->mask;
        m->slots[i] = k;
    }
}

static int compact(const kmap_item *items, size_t n, l2a_keymap **out)
{
    kmap_totals t = count_runs(items, n);
    l2a_keymap *m;
    int rc;

    if (t.keys >= UINT32_MAX / 2 || t.postings > UINT32_MAX || t.bytes > UINT32_MAX)
        return L2A_ERR_NOMEM;
    m = l2a_calloc(1, sizeof *m);
    if (!m)
        return L2A_ERR_NOMEM;
    rc = alloc_map(m, &t);
    if (rc) {
        l2a_kmap_free(m);
        return rc;
    }
    fill_map(m, items, n);
    fill_slots(m);
    *out = m;
    return L2A_OK;
}

int l2a_kmap_build(l2a_keymap_builder *b, l2a_keymap **out)
{
    kmap_item *items = NULL;
    int rc;

    if (out)
        *out = NULL;
    if (!b || !out) {
        l2a_kmap_builder_free(b);
        return L2A_ERR_INVALID_ARGUMENT;
    }
    rc = sort_pairs(b, &items);
    if (rc == L2A_OK)
        rc = compact(items, b->n_pairs, out);
    l2a_free(items);
    l2a_kmap_builder_free(b);
    return rc;
}

void l2a_kmap_free(l2a_keymap *m)
{
    if (!m)
        return;
    if (m->borrowed) {
        l2a_free(m);
        return;
    }
    l2a_free(m->key_hash);
    l2a_free(m->key_off);
    l2a_free(m->bytes);
    l2a_free(m->post_off);
    l2a_free(m->ids);
    l2a_free(m->slots);
    l2a_free(m);
}

size_t l2a_kmap_find(const l2a_keymap *m, const char *key, size_t len, const uint32_t **ids)
{
    uint64_t hash;
    size_t i;

    if (ids)
        *ids = NULL;
    if (!m || !ids || (!key && len) || len == 0 || m->n_keys == 0)
        return 0;
    hash = XXH3_64bits(key, len);
    for (i = (size_t)hash & m->mask; m->slots[i] != EMPTY_SLOT; i = (i + 1) & m->mask) {
        uint32_t k = m->slots[i];

        if (m->key_hash[k] == hash && m->key_off[k + 1] - m->key_off[k] == len &&
            memcmp(m->bytes + m->key_off[k], key, len) == 0) {
            *ids = m->ids + m->post_off[k];
            return m->post_off[k + 1] - m->post_off[k];
        }
    }
    return 0;
}

size_t l2a_kmap_key_count(const l2a_keymap *m)
{
    return m ? m->n_keys : 0;
}

/* ---- snapshots ---- */

typedef struct kmap_shape {
    uint32_t n_keys;
    uint32_t n_bytes;
    uint32_t n_postings;
    uint32_t n_slots;
} kmap_shape;

int l2a_kmap_save(const l2a_keymap *m, l2a_snap_writer *w, uint32_t tag, char *errmsg)
{
    kmap_shape shape = {m->n_keys, m->key_off[m->n_keys], m->post_off[m->n_keys], (uint32_t)(m->mask + 1)};
    int rc = l2a_snapw_add(w, tag, &shape, sizeof shape, errmsg);

    if (!rc)
        rc = l2a_snapw_add(w, tag + 1, m->key_hash, (size_t)shape.n_keys * sizeof *m->key_hash, errmsg);
    if (!rc)
        rc = l2a_snapw_add(w, tag + 2, m->key_off, ((size_t)shape.n_keys + 1) * sizeof *m->key_off, errmsg);
    if (!rc)
        rc = l2a_snapw_add(w, tag + 3, m->bytes, shape.n_bytes, errmsg);
    if (!rc)
        rc = l2a_snapw_add(w, tag + 4, m->post_off, ((size_t)shape.n_keys + 1) * sizeof *m->post_off, errmsg);
    if (!rc)
        rc = l2a_snapw_add(w, tag + 5, m->ids, (size_t)shape.n_postings * sizeof *m->ids, errmsg);
    if (!rc)
        rc = l2a_snapw_add(w, tag + 6, m->slots, (size_t)shape.n_slots * sizeof *m->slots, errmsg);
    return rc;
}

static const void *exact_section(const l2a_snap_reader *r, uint32_t tag, size_t want)
{
    size_t size;
    const void *p = l2a_snapr_section(r, tag, &size);

    return p && size == want ? p : NULL;
}

static int offsets_ok(const uint32_t *off, uint32_t n, uint32_t total)
{
    if (off[0] != 0 || off[n] != total)
        return 0;
    for (uint32_t i = 0; i < n; i++)
        if (off[i] > off[i + 1])
            return 0;
    return 1;
}

/* Every key is reachable from its home slot and at least one slot is free, so probing ends. */
static int slots_ok(const l2a_keymap *m)
{
    size_t free_slots = 0;

    for (size_t i = 0; i <= m->mask; i++) {
        if (m->slots[i] == EMPTY_SLOT)
            free_slots++;
        else if (m->slots[i] >= m->n_keys)
            return 0;
    }
    return free_slots > 0;
}

int l2a_kmap_view(const l2a_snap_reader *r, uint32_t tag, uint32_t n_ids, l2a_keymap **out)
{
    const kmap_shape *shape = exact_section(r, tag, sizeof *shape);
    l2a_keymap *m;
    uint32_t i;

    *out = NULL;
    if (!shape || shape->n_slots < 2 || (shape->n_slots & (shape->n_slots - 1)) ||
        shape->n_keys >= shape->n_slots)
        return L2A_ERR_SNAPSHOT_FORMAT;
    m = l2a_calloc(1, sizeof *m);
    if (!m)
        return L2A_ERR_NOMEM;
    m->borrowed = 1;
    m->n_keys = shape->n_keys;
    m->mask = (size_t)shape->n_slots - 1;
    m->key_hash = (uint64_t *)exact_section(r, tag + 1, (size_t)m->n_keys * sizeof *m->key_hash);
    m->key_off = (uint32_t *)exact_section(r, tag + 2, ((size_t)m->n_keys + 1) * sizeof *m->key_off);
    m->bytes = (char *)exact_section(r, tag + 3, shape->n_bytes);
    m->post_off = (uint32_t *)exact_section(r, tag + 4, ((size_t)m->n_keys + 1) * sizeof *m->post_off);
    m->ids = (uint32_t *)exact_section(r, tag + 5, (size_t)shape->n_postings * sizeof *m->ids);
    m->slots = (uint32_t *)exact_section(r, tag + 6, (size_t)shape->n_slots * sizeof *m->slots);
    if (!m->key_hash || !m->key_off || !m->bytes || !m->post_off || !m->ids || !m->slots ||
        !offsets_ok(m->key_off, m->n_keys, shape->n_bytes) || !offsets_ok(m->post_off, m->n_keys, shape->n_postings) ||
        !slots_ok(m)) {
        l2a_free(m);
        return L2A_ERR_SNAPSHOT_FORMAT;
    }
    for (i = 0; i < shape->n_postings; i++) {
        if (m->ids[i] >= n_ids) {
            l2a_free(m);
            return L2A_ERR_SNAPSHOT_FORMAT;
        }
    }
    *out = m;
    return L2A_OK;
}
