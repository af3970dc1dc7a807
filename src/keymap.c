/* SPDX-License-Identifier: MIT */
/*
 * The builder keeps one flat array of (hash, key offset, id) records, sorted
 * in place by (hash, key string, id) so that each distinct key and its
 * ascending ids form one run. The frozen map is a directory of hash buckets
 * over the keys in hash order, each key 12 bytes: the low hash bits (to skip
 * other keys of its bucket without reading their strings), the offset of its
 * string in the caller's table, and its id, or, for the few keys with
 * several, where their list starts. The keys are written over the sorted
 * records, and key strings are never copied (they are the segment's own), so
 * a build needs its 16 bytes per record and little more.
 *
 * Sizes are 32-bit (keys, postings): a map that would outgrow them is refused
 * with L2A_ERR_NOMEM, as for any other allocation it cannot make.
 */
#include "keymap.h"

#include <string.h>
#include <xxhash.h>

#include "alloc.h"
#include "errors.h"
#include "l2a.h"
#include "snapshot-file.h"

/* The id field of a key holds a list offset when this bit is set. */
#define MULTI_IDS 0x80000000u
/* Records per bucket of the sorting pass, and keys per bucket of the map (between this and twice it). */
#define RECORDS_PER_SORT_BUCKET 8
#define KEYS_PER_BUCKET 2
#define MAX_SORT_BUCKET_BITS 20
#define INSERTION_SORT_MAX 16

typedef struct kmap_rec {
    uint64_t hash;
    uint32_t ref; /* offset of the key in the string table */
    uint32_t id;
} kmap_rec;

struct l2a_keymap_builder {
    const l2a_buf *strings;
    kmap_rec *recs;
    size_t n_recs;
    size_t cap_recs;
};

typedef struct kmap_key {
    uint32_t tag; /* low 32 bits of the key's hash */
    uint32_t ref;
    uint32_t ids; /* the key's only id, or MULTI_IDS | offset in more[] of its count, then its ids */
} kmap_key;

struct l2a_keymap {
    uint32_t n_keys;
    uint32_t n_more;
    unsigned bits;      /* the top hash bits that choose a bucket */
    uint32_t *buckets;  /* [2^bits + 1]: keys of bucket b are buckets[b] .. buckets[b + 1] - 1 */
    kmap_key *keys;     /* in hash order */
    uint32_t *more;     /* [n_more] */
    int borrowed;       /* the arrays belong to a mapped snapshot */
};

int l2a_kmap_builder_new(const l2a_buf *strings, l2a_keymap_builder **out)
{
    l2a_keymap_builder *b;

    if (!out)
        return L2A_ERR_INVALID_ARGUMENT;
    *out = NULL;
    if (!strings)
        return L2A_ERR_INVALID_ARGUMENT;
    b = l2a_calloc(1, sizeof *b);
    if (!b)
        return L2A_ERR_NOMEM;
    b->strings = strings;
    *out = b;
    return L2A_OK;
}

void l2a_kmap_builder_free(l2a_keymap_builder *b)
{
    if (!b)
        return;
    l2a_free(b->recs);
    l2a_free(b);
}

static int resize_recs(l2a_keymap_builder *b, size_t cap)
{
    kmap_rec *recs;

    if (cap > UINT32_MAX)
        return L2A_ERR_NOMEM;
    recs = l2a_reallocarray(b->recs, cap, sizeof *recs);
    if (!recs)
        return L2A_ERR_NOMEM;
    b->recs = recs;
    b->cap_recs = cap;
    return L2A_OK;
}

int l2a_kmap_builder_reserve(l2a_keymap_builder *b, size_t n)
{
    if (!b)
        return L2A_ERR_INVALID_ARGUMENT;
    if (n > SIZE_MAX - b->n_recs)
        return L2A_ERR_NOMEM;
    return b->n_recs + n <= b->cap_recs ? L2A_OK : resize_recs(b, b->n_recs + n);
}

/* The string at off must end at a NUL and hold none: lookups rely on it. */
static int key_in_table(const l2a_buf *strings, size_t off, size_t len)
{
    const char *s = l2a_buf_str(strings);
    size_t size = strings->len + 1;

    return off < size && len < size - off && off <= UINT32_MAX && s[off + len] == '\0' &&
           memchr(s + off, '\0', len) == NULL;
}

int l2a_kmap_builder_add(l2a_keymap_builder *b, size_t off, size_t len, uint32_t id)
{
    kmap_rec *r;
    int rc;

    if (!b)
        return L2A_ERR_INVALID_ARGUMENT;
    if (len == 0)
        return L2A_OK;
    if (id > L2A_KMAP_MAX_ID || !key_in_table(b->strings, off, len))
        return L2A_ERR_INVALID_ARGUMENT;
    if (b->n_recs == b->cap_recs && (rc = resize_recs(b, b->cap_recs ? b->cap_recs * 2 : 64)) != L2A_OK)
        return rc;
    r = &b->recs[b->n_recs++];
    r->hash = XXH3_64bits(l2a_buf_str(b->strings) + off, len);
    r->ref = (uint32_t)off;
    r->id = id;
    return L2A_OK;
}

/* ---- sorting by (hash, key string, id) ---- */

static int compare_recs(const char *s, const kmap_rec *a, const kmap_rec *b)
{
    int c;

    if (a->hash != b->hash)
        return a->hash < b->hash ? -1 : 1;
    c = a->ref == b->ref ? 0 : strcmp(s + a->ref, s + b->ref);
    if (c)
        return c;
    if (a->id != b->id)
        return a->id < b->id ? -1 : 1;
    /* Equal pairs at different offsets: the order still depends on nothing but the input. */
    return (a->ref > b->ref) - (a->ref < b->ref);
}

static void insertion_sort(const char *s, kmap_rec *v, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        kmap_rec x = v[i];
        size_t j = i;

        while (j > 0 && compare_recs(s, &v[j - 1], &x) > 0) {
            v[j] = v[j - 1];
            j--;
        }
        v[j] = x;
    }
}

static void sift_down(const char *s, kmap_rec *v, size_t root, size_t n)
{
    for (;;) {
        size_t child = 2 * root + 1;
        kmap_rec t;

        if (child >= n)
            return;
        if (child + 1 < n && compare_recs(s, &v[child], &v[child + 1]) < 0)
            child++;
        if (compare_recs(s, &v[root], &v[child]) >= 0)
            return;
        t = v[root];
        v[root] = v[child];
        v[child] = t;
        root = child;
    }
}

/* Buckets are small unless one key carries many ids: heapsort bounds that case. */
static void sort_bucket(const char *s, kmap_rec *v, size_t n)
{
    if (n <= INSERTION_SORT_MAX) {
        insertion_sort(s, v, n);
        return;
    }
    for (size_t i = n / 2; i-- > 0;)
        sift_down(s, v, i, n);
    for (size_t end = n - 1; end > 0; end--) {
        kmap_rec t = v[0];

        v[0] = v[end];
        v[end] = t;
        sift_down(s, v, 0, end);
    }
}

static size_t bucket_of(uint64_t hash, unsigned bits)
{
    return bits ? (size_t)(hash >> (64 - bits)) : 0;
}

static unsigned sort_bits_for(size_t n)
{
    unsigned bits = 0;

    while (bits < MAX_SORT_BUCKET_BITS && ((size_t)1 << bits) * RECORDS_PER_SORT_BUCKET < n)
        bits++;
    return bits;
}

/* Moves each record into its bucket in place, following cycles (American flag sort). */
static void distribute(kmap_rec *recs, const uint32_t *start, uint32_t *next, size_t n_buckets, unsigned bits)
{
    for (size_t k = 0; k < n_buckets; k++) {
        while (next[k] < start[k + 1]) {
            kmap_rec r = recs[next[k]];
            size_t home = bucket_of(r.hash, bits);

            while (home != k) {
                kmap_rec t = recs[next[home]];

                recs[next[home]++] = r;
                r = t;
                home = bucket_of(r.hash, bits);
            }
            recs[next[k]++] = r;
        }
    }
}

/*
 * One pass on the top hash bits spreads the records over buckets of a few
 * records each, which are then sorted: the result is in full (hash, string,
 * id) order since the top bits are the most significant ones. Only the
 * bucket bounds are allocated, not a second copy of the records.
 */
static int sort_records(l2a_keymap_builder *b)
{
    unsigned bits = sort_bits_for(b->n_recs);
    size_t n_buckets = (size_t)1 << bits;
    uint32_t *start = l2a_calloc(n_buckets + 1, sizeof *start);
    uint32_t *next = l2a_mallocarray(n_buckets, sizeof *next);
    const char *s = l2a_buf_str(b->strings);

    if (!start || !next) {
        l2a_free(start);
        l2a_free(next);
        return L2A_ERR_NOMEM;
    }
    for (size_t i = 0; i < b->n_recs; i++)
        start[bucket_of(b->recs[i].hash, bits) + 1]++;
    for (size_t k = 0; k < n_buckets; k++)
        start[k + 1] += start[k];
    memcpy(next, start, n_buckets * sizeof *next);
    distribute(b->recs, start, next, n_buckets, bits);
    for (size_t k = 0; k < n_buckets; k++)
        sort_bucket(s, b->recs + start[k], start[k + 1] - start[k]);
    l2a_free(start);
    l2a_free(next);
    return L2A_OK;
}

/* ---- compaction into the frozen map ---- */

static int same_key(const char *s, const kmap_rec *a, const kmap_rec *b)
{
    return a->hash == b->hash && (a->ref == b->ref || strcmp(s + a->ref, s + b->ref) == 0);
}

/* The end of the run of records of the key that starts at i, and its distinct ids. */
static size_t key_run(const char *s, const kmap_rec *recs, size_t n, size_t i, size_t *n_ids)
{
    size_t j = i + 1;

    *n_ids = 1;
    for (; j < n && same_key(s, &recs[i], &recs[j]); j++)
        *n_ids += recs[j].id != recs[j - 1].id;
    return j;
}

typedef struct kmap_totals {
    size_t keys;
    size_t more; /* counts and ids of the keys with several ids */
} kmap_totals;

static kmap_totals count_keys(const l2a_keymap_builder *b)
{
    const char *s = l2a_buf_str(b->strings);
    kmap_totals t = {0, 0};
    size_t i = 0, n_ids;

    while (i < b->n_recs) {
        i = key_run(s, b->recs, b->n_recs, i, &n_ids);
        t.keys++;
        if (n_ids > 1)
            t.more += 1 + n_ids;
    }
    return t;
}

static unsigned map_bits_for(size_t n_keys)
{
    unsigned bits = 0;

    while (((size_t)2 << bits) * KEYS_PER_BUCKET <= n_keys)
        bits++;
    return bits;
}

/* Everything but the keys, which take the records' place (fill_map). */
static int alloc_map(l2a_keymap *m, const kmap_totals *t)
{
    m->n_keys = (uint32_t)t->keys;
    m->n_more = (uint32_t)t->more;
    m->bits = map_bits_for(t->keys);
    m->buckets = l2a_calloc(((size_t)1 << m->bits) + 1, sizeof *m->buckets);
    m->more = l2a_mallocarray(t->more, sizeof *m->more);
    if (!m->buckets || !m->more)
        return L2A_ERR_NOMEM;
    return L2A_OK;
}

/* Writes the ids of the run recs[i .. end) (sorted, maybe repeated) at out; returns how many. */
static uint32_t copy_ids(const kmap_rec *recs, size_t i, size_t end, uint32_t *out)
{
    uint32_t n = 0;

    for (size_t j = i; j < end; j++)
        if (j == i || recs[j].id != recs[j - 1].id)
            out[n++] = recs[j].id;
    return n;
}

/*
 * Key k is written over the records, at byte 12k, once the records of its
 * run (from index k on, at byte 16k) are read: keys never overtake the
 * records still to read, so the map's largest array needs no memory beyond
 * the builder's. Cannot fail; the builder gives its records up to the map.
 */
static void fill_map(l2a_keymap *m, l2a_keymap_builder *b)
{
    const char *s = l2a_buf_str(b->strings);
    unsigned char *keys = (unsigned char *)b->recs;
    size_t n_buckets = (size_t)1 << m->bits, i = 0, n_ids;
    uint32_t key = 0, more = 0;
    kmap_key *shrunk;

    while (i < b->n_recs) {
        kmap_rec r = b->recs[i];
        size_t end = key_run(s, b->recs, b->n_recs, i, &n_ids);
        kmap_key k = {(uint32_t)r.hash, r.ref, r.id};

        if (n_ids > 1) {
            k.ids = MULTI_IDS | more;
            m->more[more] = copy_ids(b->recs, i, end, m->more + more + 1);
            more += 1 + m->more[more];
        }
        memcpy(keys + (size_t)key++ * sizeof k, &k, sizeof k);
        m->buckets[bucket_of(r.hash, m->bits) + 1]++;
        i = end;
    }
    for (size_t k = 0; k < n_buckets; k++)
        m->buckets[k + 1] += m->buckets[k];
    /* Giving the rest back is a favour: when even that fails, the map keeps it. */
    shrunk = l2a_reallocarray(b->recs, m->n_keys, sizeof *shrunk);
    m->keys = shrunk ? shrunk : (kmap_key *)(void *)b->recs;
    b->recs = NULL;
    b->n_recs = b->cap_recs = 0;
}

static int compact(l2a_keymap_builder *b, l2a_keymap **out)
{
    kmap_totals t = count_keys(b);
    l2a_keymap *m;
    int rc;

    if (t.keys >= UINT32_MAX || t.more > L2A_KMAP_MAX_ID)
        return L2A_ERR_NOMEM;
    m = l2a_calloc(1, sizeof *m);
    if (!m)
        return L2A_ERR_NOMEM;
    rc = alloc_map(m, &t);
    if (rc) {
        l2a_kmap_free(m);
        return rc;
    }
    fill_map(m, b);
    *out = m;
    return L2A_OK;
}

int l2a_kmap_build(l2a_keymap_builder *b, l2a_keymap **out)
{
    int rc;

    if (out)
        *out = NULL;
    if (!b || !out) {
        l2a_kmap_builder_free(b);
        return L2A_ERR_INVALID_ARGUMENT;
    }
    rc = sort_records(b);
    if (rc == L2A_OK)
        rc = compact(b, out);
    l2a_kmap_builder_free(b);
    return rc;
}

void l2a_kmap_free(l2a_keymap *m)
{
    if (!m)
        return;
    if (!m->borrowed) {
        l2a_free(m->buckets);
        l2a_free(m->keys);
        l2a_free(m->more);
    }
    l2a_free(m);
}

/* Whether the table holds exactly key at off; off comes from the map, which may be a crafted file. */
static int key_at(const l2a_buf *strings, uint32_t off, const char *key, size_t len)
{
    const char *s = l2a_buf_str(strings);
    size_t size = strings->len + 1;

    return off < size && len < size - off && memcmp(s + off, key, len) == 0 && s[off + len] == '\0';
}

static size_t ids_of(const l2a_keymap *m, const kmap_key *k, const uint32_t **ids)
{
    uint32_t at;

    if (!(k->ids & MULTI_IDS)) {
        *ids = &k->ids;
        return 1;
    }
    at = k->ids & ~MULTI_IDS;
    *ids = m->more + at + 1;
    return m->more[at];
}

void l2a_kmap_prefetch(const l2a_keymap *m, const char *key, size_t len)
{
#if defined(__GNUC__) || defined(__clang__)
    if (m && key && len && m->n_keys)
        __builtin_prefetch(&m->buckets[bucket_of(XXH3_64bits(key, len), m->bits)]);
#else
    (void)m;
    (void)key;
    (void)len;
#endif
}

size_t l2a_kmap_find(const l2a_keymap *m, const l2a_buf *strings, const char *key, size_t len,
                     const uint32_t **ids)
{
    uint64_t hash;
    size_t bucket;

    if (ids)
        *ids = NULL;
    if (!m || !strings || !ids || (!key && len) || len == 0 || m->n_keys == 0)
        return 0;
    hash = XXH3_64bits(key, len);
    bucket = bucket_of(hash, m->bits);
    for (uint32_t k = m->buckets[bucket]; k < m->buckets[bucket + 1]; k++) {
        const kmap_key *e = &m->keys[k];

        if (e->tag == (uint32_t)hash && key_at(strings, e->ref, key, len))
            return ids_of(m, e, ids);
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
    uint32_t n_more;
    uint32_t bits;
    uint32_t reserved;
} kmap_shape;

int l2a_kmap_save(const l2a_keymap *m, l2a_snap_writer *w, uint32_t tag, char *errmsg)
{
    kmap_shape shape = {m->n_keys, m->n_more, m->bits, 0};
    size_t n_buckets = (size_t)1 << m->bits;
    int rc = l2a_snapw_add(w, tag, &shape, sizeof shape, errmsg);

    if (!rc)
        rc = l2a_snapw_add(w, tag + 1, m->buckets, (n_buckets + 1) * sizeof *m->buckets, errmsg);
    if (!rc)
        rc = l2a_snapw_add(w, tag + 2, m->keys, (size_t)m->n_keys * sizeof *m->keys, errmsg);
    if (!rc)
        rc = l2a_snapw_add(w, tag + 3, m->more, (size_t)m->n_more * sizeof *m->more, errmsg);
    return rc;
}

static const void *exact_section(const l2a_snap_reader *r, uint32_t tag, size_t want)
{
    size_t size;
    const void *p = l2a_snapr_section(r, tag, &size);

    return p && size == want ? p : NULL;
}

/*
 * Bucket bounds never decreasing between the ends that the view checked (0
 * and n_keys), so that a lookup scans only keys.
 */
static int buckets_ok(const l2a_keymap *m)
{
    size_t n_buckets = (size_t)1 << m->bits;
    uint32_t descents = 0;

    /* No early exit: a branch-free pass runs at memory speed, and valid maps are the common case. */
    for (size_t k = 0; k < n_buckets; k++)
        descents |= m->buckets[k] > m->buckets[k + 1];
    return descents == 0;
}

/* Every id below n_ids; the lists of ids follow each other in key order and fill more[] exactly. */
static int ids_ok(const l2a_keymap *m, uint32_t n_ids)
{
    size_t at = 0;

    for (uint32_t k = 0; k < m->n_keys; k++) {
        uint32_t v = m->keys[k].ids, count;

        if (!(v & MULTI_IDS)) {
            if (v >= n_ids)
                return 0;
            continue;
        }
        if ((v & ~MULTI_IDS) != at || at >= m->n_more)
            return 0;
        count = m->more[at];
        if (count < 2 || count > m->n_more - at - 1)
            return 0;
        for (uint32_t i = 1; i <= count; i++)
            if (m->more[at + i] >= n_ids)
                return 0;
        at += 1 + (size_t)count;
    }
    return at == m->n_more;
}

int l2a_kmap_view(const l2a_snap_reader *r, uint32_t tag, l2a_keymap **out)
{
    const kmap_shape *shape = exact_section(r, tag, sizeof *shape);
    l2a_keymap *m;

    *out = NULL;
    if (!shape || shape->bits > 31 || shape->reserved != 0 || shape->n_more > L2A_KMAP_MAX_ID)
        return L2A_ERR_SNAPSHOT_FORMAT;
    m = l2a_calloc(1, sizeof *m);
    if (!m)
        return L2A_ERR_NOMEM;
    m->borrowed = 1;
    m->n_keys = shape->n_keys;
    m->n_more = shape->n_more;
    m->bits = shape->bits;
    m->buckets = (uint32_t *)exact_section(r, tag + 1, (((size_t)1 << m->bits) + 1) * sizeof *m->buckets);
    m->keys = (kmap_key *)exact_section(r, tag + 2, (size_t)m->n_keys * sizeof *m->keys);
    m->more = (uint32_t *)exact_section(r, tag + 3, (size_t)m->n_more * sizeof *m->more);
    if (!m->buckets || !m->keys || !m->more || m->buckets[0] != 0 || m->buckets[(size_t)1 << m->bits] != m->n_keys) {
        l2a_free(m);
        return L2A_ERR_SNAPSHOT_FORMAT;
    }
    *out = m;
    return L2A_OK;
}

int l2a_kmap_check(const l2a_keymap *m, uint32_t n_ids)
{
    return buckets_ok(m) && ids_ok(m, n_ids) ? L2A_OK : L2A_ERR_SNAPSHOT_FORMAT;
}
