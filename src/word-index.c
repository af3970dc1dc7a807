/* SPDX-License-Identifier: MIT */
/*
 * Words of name keys, and the deletion neighbourhoods of the rare ones
 * (see word-index.h). Both maps are sorted arrays behind a directory on the
 * top bits of the hash, so that a lookup reads one directory word and then
 * about one cache line, and so that a snapshot can hold them as they are.
 * A map is built by appending its items, sized beforehand, and sorting them
 * in place: millions of deletions need no second array.
 */
#include "word-index-private.h"

#include <stdlib.h>
#include <string.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "alloc.h"
#include "l2a.h"
#include "sort.h"

/* Words longer than this are not looked up by their edits (no name has such a word but by accident). */
#define EDIT_MAX_BYTES 48
/* Distinct words of one key that are indexed. */
#define KEY_WORDS_MAX 64
/* Items per directory bucket, on average. */
#define BUCKET_ITEMS 4

static uint64_t word_hash(const char *s, size_t len)
{
    return XXH3_64bits(s, len);
}

static int is_lead_byte(unsigned char c)
{
    return (c & 0xC0) != 0x80;
}

static size_t char_count(const char *s, size_t len)
{
    size_t n = 0;

    for (size_t i = 0; i < len; i++)
        n += is_lead_byte((unsigned char)s[i]);
    return n;
}

/* The next space-separated word of key at or after *pos; its length, 0 at the end. */
static size_t next_word(const char *key, size_t len, size_t *pos, const char **word)
{
    size_t i = *pos, start;

    while (i < len && key[i] == ' ')
        i++;
    start = i;
    while (i < len && key[i] != ' ')
        i++;
    *pos = i;
    *word = key + start;
    return i - start;
}

/* ---- hash maps ---- */

static uint32_t bits_for(size_t n)
{
    uint32_t bits = 0;

    while (bits < 30 && ((size_t)BUCKET_ITEMS << bits) < n)
        bits++;
    return bits;
}

static uint64_t map_item(uint64_t h, uint32_t value)
{
    return (h >> 32) << 32 | value;
}

static uint32_t bucket_of(uint32_t bits, uint64_t item_or_hash)
{
    return bits ? (uint32_t)(item_or_hash >> (64 - bits)) : 0;
}

/* Room for n items, to be appended in any order and then indexed. */
static int map_alloc(hash_map *m, size_t n)
{
    if (n > UINT32_MAX)
        return L2A_ERR_NOMEM;
    m->n = 0;
    m->bits = bits_for(n);
    m->dir = l2a_calloc(((size_t)1 << m->bits) + 1, sizeof *m->dir);
    m->item = l2a_mallocarray(n ? n : 1, sizeof *m->item);
    return m->dir && m->item ? L2A_OK : L2A_ERR_NOMEM;
}

static void map_free(hash_map *m)
{
    l2a_free(m->dir);
    l2a_free(m->item);
}

static void map_append(hash_map *m, uint64_t h, uint32_t value)
{
    m->item[m->n++] = map_item(h, value);
}

/*
 * In place, a byte at a time from the top (an American flag sort): each
 * pass moves items into 256 regions written front to back, so that millions
 * of them are sorted without a second array or a cache miss per item.
 */
static void radix_sort_u64(uint64_t *v, size_t n, int shift)
{
    size_t start[257], next[256];

    if (n <= 64 || shift < 0) {
        l2a_insertion_sort_u64(v, n);
        return;
    }
    memset(start, 0, sizeof start);
    for (size_t i = 0; i < n; i++)
        start[((v[i] >> shift) & 0xff) + 1]++;
    for (int b = 0; b < 256; b++)
        start[b + 1] += start[b];
    memcpy(next, start, sizeof next);
    for (int b = 0; b < 256; b++) {
        while (next[b] < start[b + 1]) {
            uint64_t x = v[next[b]];
            unsigned d = (unsigned)(x >> shift) & 0xff;

            while (d != (unsigned)b) {
                uint64_t y = v[next[d]];

                v[next[d]++] = x;
                x = y;
                d = (unsigned)(x >> shift) & 0xff;
            }
            v[next[b]++] = x;
        }
    }
    for (int b = 0; b < 256; b++)
        radix_sort_u64(v + start[b], start[b + 1] - start[b], shift - 8);
}

/* Sorts the appended items and points each bucket at its first. */
static void map_index(hash_map *m)
{
    size_t n_buckets = (size_t)1 << m->bits;

    radix_sort_u64(m->item, m->n, 56);
    memset(m->dir, 0, (n_buckets + 1) * sizeof *m->dir);
    for (uint32_t i = 0; i < m->n; i++)
        m->dir[bucket_of(m->bits, m->item[i]) + 1]++;
    for (size_t b = 0; b < n_buckets; b++)
        m->dir[b + 1] += m->dir[b];
}

/*
 * The items filed under the high half of h: [*first, returned end) of
 * m->item. The low half is not stored: two hashes alike in their high half
 * share their items (the words map checks whole hashes; a stray edit only
 * adds an entry that scores low).
 */
static uint32_t map_find(const hash_map *m, uint64_t h, uint32_t *first)
{
    uint32_t b, i, end;
    uint64_t want = (h >> 32) << 32;

    *first = 0;
    if (!m->n)
        return 0;
    b = bucket_of(m->bits, h);
    end = m->dir[b + 1];
    for (i = m->dir[b]; i < end && m->item[i] < want; i++)
        ;
    *first = i;
    while (i < end && (m->item[i] & ~(uint64_t)0xffffffffu) == want)
        i++;
    return i;
}

/* ---- building ---- */

/* Word number by hash while building: open addressing, load at most one half. */
typedef struct word_table {
    uint64_t *hash;
    uint32_t *id; /* UINT32_MAX when free */
    size_t mask;
    uint32_t count;
} word_table;

/* What the build keeps per word, and per (entry, word) occurrence. */
typedef struct word_build {
    word_table table;
    uint32_t *df;
    uint32_t *src_entry; /* an entry that has the word, and where in its key */
    uint32_t *src_off;
    uint16_t *src_len;
    size_t cap_words;
    uint32_t *occ_word; /* in entry order */
    uint32_t *occ_entry;
    size_t n_occ, cap_occ;
} word_build;

static int table_init(word_table *t, size_t slots)
{
    t->mask = slots - 1;
    t->count = 0;
    t->hash = l2a_mallocarray(slots, sizeof *t->hash);
    t->id = l2a_mallocarray(slots, sizeof *t->id);
    if (!t->hash || !t->id)
        return L2A_ERR_NOMEM;
    memset(t->id, 0xff, slots * sizeof *t->id);
    return L2A_OK;
}

static size_t table_slot(const word_table *t, uint64_t h)
{
    size_t i = (size_t)h & t->mask;

    while (t->id[i] != UINT32_MAX && t->hash[i] != h)
        i = (i + 1) & t->mask;
    return i;
}

static int table_grow(word_table *t)
{
    word_table bigger;

    if (table_init(&bigger, (t->mask + 1) * 2)) {
        l2a_free(bigger.hash);
        l2a_free(bigger.id);
        return L2A_ERR_NOMEM;
    }
    for (size_t i = 0; i <= t->mask; i++) {
        if (t->id[i] != UINT32_MAX) {
            size_t s = table_slot(&bigger, t->hash[i]);
            bigger.hash[s] = t->hash[i];
            bigger.id[s] = t->id[i];
        }
    }
    bigger.count = t->count;
    l2a_free(t->hash);
    l2a_free(t->id);
    *t = bigger;
    return L2A_OK;
}

static int grow_words(word_build *b)
{
    size_t cap = b->cap_words ? b->cap_words * 2 : 1024;
    uint32_t *df = l2a_reallocarray(b->df, cap, sizeof *df);
    uint32_t *entry, *off;
    uint16_t *len;

    if (df)
        b->df = df;
    entry = l2a_reallocarray(b->src_entry, cap, sizeof *entry);
    if (entry)
        b->src_entry = entry;
    off = l2a_reallocarray(b->src_off, cap, sizeof *off);
    if (off)
        b->src_off = off;
    len = l2a_reallocarray(b->src_len, cap, sizeof *len);
    if (len)
        b->src_len = len;
    if (!df || !entry || !off || !len)
        return L2A_ERR_NOMEM;
    b->cap_words = cap;
    return L2A_OK;
}

static int add_occurrence(word_build *b, uint32_t word, uint32_t entry)
{
    if (b->n_occ == b->cap_occ) {
        size_t cap = b->cap_occ ? b->cap_occ * 2 : 4096;
        uint32_t *w = l2a_reallocarray(b->occ_word, cap, sizeof *w), *e;

        if (w)
            b->occ_word = w;
        e = l2a_reallocarray(b->occ_entry, cap, sizeof *e);
        if (e)
            b->occ_entry = e;
        if (!w || !e)
            return L2A_ERR_NOMEM;
        b->cap_occ = cap;
    }
    b->occ_word[b->n_occ] = word;
    b->occ_entry[b->n_occ++] = entry;
    return L2A_OK;
}

/* The word's number, numbering it when new. */
static int intern_word(word_build *b, uint64_t h, uint32_t entry, uint32_t off, size_t len, uint32_t *id)
{
    size_t s;
    int rc;

    if ((size_t)b->table.count + 1 > (b->table.mask + 1) / 2 && (rc = table_grow(&b->table)))
        return rc;
    s = table_slot(&b->table, h);
    if (b->table.id[s] != UINT32_MAX) {
        *id = b->table.id[s];
        b->df[*id]++;
        return L2A_OK;
    }
    if (b->table.count == b->cap_words && (rc = grow_words(b)))
        return rc;
    *id = b->table.count++;
    b->table.hash[s] = h;
    b->table.id[s] = *id;
    b->df[*id] = 1;
    b->src_entry[*id] = entry;
    b->src_off[*id] = off;
    b->src_len[*id] = (uint16_t)len;
    return L2A_OK;
}

static int collect_words(word_build *b, uint32_t n_entries, l2a_words_key_fn key_of, const void *ctx)
{
    for (uint32_t e = 0; e < n_entries; e++) {
        uint64_t seen[KEY_WORDS_MAX];
        size_t len, pos = 0, n_seen = 0, n;
        const char *key = key_of(ctx, e, &len), *word;

        while (n_seen < KEY_WORDS_MAX && (n = next_word(key, len, &pos, &word)) > 0) {
            uint64_t h = word_hash(word, n);
            uint32_t id;
            size_t i;
            int rc;

            if (n > UINT16_MAX || (size_t)(word - key) > UINT32_MAX)
                continue;
            for (i = 0; i < n_seen && seen[i] != h; i++)
                ;
            if (i < n_seen)
                continue;
            seen[n_seen++] = h;
            if ((rc = intern_word(b, h, e, (uint32_t)(word - key), n, &id)) ||
                (rc = add_occurrence(b, id, e)))
                return rc;
        }
    }
    return L2A_OK;
}

static int is_rare(const word_build *b, uint32_t id)
{
    return b->df[id] <= L2A_WORDS_LIST_CAP;
}

static int fill_words_map(l2a_word_index *w, const word_build *b)
{
    int rc;

    if ((rc = map_alloc(&w->words, b->table.count)))
        return rc;
    w->word_hash = l2a_mallocarray(w->n_words ? w->n_words : 1, sizeof *w->word_hash);
    if (!w->word_hash)
        return L2A_ERR_NOMEM;
    for (size_t s = 0; s <= b->table.mask; s++) {
        if (b->table.id[s] != UINT32_MAX) {
            map_append(&w->words, b->table.hash[s], b->table.id[s]);
            w->word_hash[b->table.id[s]] = b->table.hash[s];
        }
    }
    map_index(&w->words);
    return L2A_OK;
}

/* Rare words' entries, by a counting sort of the occurrences (already in entry order). */
static int fill_postings(l2a_word_index *w, const word_build *b)
{
    uint64_t total = 0;
    uint32_t *cursor;

    w->list_off = l2a_mallocarray((size_t)w->n_words + 1, sizeof *w->list_off);
    if (!w->list_off)
        return L2A_ERR_NOMEM;
    for (uint32_t id = 0; id < w->n_words; id++) {
        w->list_off[id] = (uint32_t)total;
        total += is_rare(b, id) ? b->df[id] : 0;
    }
    if (total > UINT32_MAX)
        return L2A_ERR_NOMEM;
    w->list_off[w->n_words] = (uint32_t)total;
    w->n_postings = (uint32_t)total;
    w->postings = l2a_mallocarray(total ? total : 1, sizeof *w->postings);
    cursor = l2a_mallocarray(w->n_words ? w->n_words : 1, sizeof *cursor);
    if (!w->postings || !cursor) {
        l2a_free(cursor);
        return L2A_ERR_NOMEM;
    }
    memcpy(cursor, w->list_off, (size_t)w->n_words * sizeof *cursor);
    for (size_t i = 0; i < b->n_occ; i++)
        if (is_rare(b, b->occ_word[i]))
            w->postings[cursor[b->occ_word[i]]++] = b->occ_entry[i];
    l2a_free(cursor);
    return L2A_OK;
}

/*
 * Files the word under each string the word becomes with one character
 * deleted; deleting any character of a run gives the same string, so only
 * the first of a run is deleted.
 */
static void fill_word_edits(hash_map *m, const char *word, size_t len, uint32_t id)
{
    char buf[EDIT_MAX_BYTES + 16]; /* room past the word keeps the compiler's bound checks quiet */
    size_t i = 0;

    while (i < len) {
        size_t n = 1;

        while (i + n < len && !is_lead_byte((unsigned char)word[i + n]))
            n++;
        if (!(i >= n && memcmp(word + i - n, word + i, n) == 0)) {
            memcpy(buf, word, i);
            memcpy(buf + i, word + i + n, len - i - n);
            map_append(m, word_hash(buf, len - n), id);
        }
        i += n;
    }
}

static const char *word_text(const word_build *b, l2a_words_key_fn key_of, const void *ctx, uint32_t id)
{
    size_t len;

    return key_of(ctx, b->src_entry[id], &len) + b->src_off[id];
}

static int edits_indexed(const word_build *b, l2a_words_key_fn key_of, const void *ctx, uint32_t id)
{
    return is_rare(b, id) && b->src_len[id] <= EDIT_MAX_BYTES &&
           char_count(word_text(b, key_of, ctx, id), b->src_len[id]) >= L2A_WORDS_EDIT_MIN;
}

static int fill_edits_map(l2a_word_index *w, const word_build *b, l2a_words_key_fn key_of,
                          const void *ctx)
{
    size_t n = 0;
    int rc;

    /* A bound (runs are deleted once): the count of characters. */
    for (uint32_t id = 0; id < w->n_words; id++)
        if (edits_indexed(b, key_of, ctx, id))
            n += char_count(word_text(b, key_of, ctx, id), b->src_len[id]);
    if ((rc = map_alloc(&w->edits, n)))
        return rc;
    for (uint32_t id = 0; id < w->n_words; id++)
        if (edits_indexed(b, key_of, ctx, id))
            fill_word_edits(&w->edits, word_text(b, key_of, ctx, id), b->src_len[id], id);
    map_index(&w->edits);
    return L2A_OK;
}

static void build_free(word_build *b)
{
    l2a_free(b->table.hash);
    l2a_free(b->table.id);
    l2a_free(b->df);
    l2a_free(b->src_entry);
    l2a_free(b->src_off);
    l2a_free(b->src_len);
    l2a_free(b->occ_word);
    l2a_free(b->occ_entry);
}

int l2a_words_build(uint32_t n_entries, l2a_words_key_fn key_of, const void *ctx, l2a_word_index **out)
{
    word_build b;
    l2a_word_index *w;
    size_t slots = 1024;
    int rc;

    if (!out || !key_of)
        return L2A_ERR_INVALID_ARGUMENT;
    *out = NULL;
    memset(&b, 0, sizeof b);
    w = l2a_calloc(1, sizeof *w);
    if (!w)
        return L2A_ERR_NOMEM;
    while (slots < (size_t)n_entries * 2 && slots < ((size_t)1 << 31))
        slots *= 2;
    rc = table_init(&b.table, slots);
    if (!rc)
        rc = collect_words(&b, n_entries, key_of, ctx);
    w->n_words = b.table.count;
    if (!rc)
        rc = fill_words_map(w, &b);
    if (!rc)
        rc = fill_postings(w, &b);
    /* The occurrences are spent: give their memory back before the edits take theirs. */
    l2a_free(b.occ_word);
    l2a_free(b.occ_entry);
    b.occ_word = b.occ_entry = NULL;
    if (!rc)
        rc = fill_edits_map(w, &b, key_of, ctx);
    build_free(&b);
    if (rc) {
        l2a_words_free(w);
        return rc;
    }
    *out = w;
    return L2A_OK;
}

void l2a_words_free(l2a_word_index *w)
{
    if (!w)
        return;
    if (!w->borrowed) {
        map_free(&w->words);
        map_free(&w->edits);
        l2a_free(w->word_hash);
        l2a_free(w->list_off);
        l2a_free(w->postings);
    }
    l2a_free(w);
}

/* ---- lookups ---- */

/*
 * A query's lookups are independent, and each costs two reads at random
 * places in arrays of megabytes (a bucket, then its items): they are made
 * in batches, the reads of a whole batch asked for before any is used.
 */
#define BATCH 64

#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(addr) __builtin_prefetch(addr)
#else
#define PREFETCH(addr) ((void)0)
#endif

typedef struct probe {
    const hash_map *map;
    uint64_t h;
    uint32_t first, end; /* its items, once read */
} probe;

typedef struct lookup {
    const l2a_word_index *w;
    uint32_t *out;
    size_t n, cap;
    probe batch[BATCH];
    size_t n_batch;
} lookup;

/* Asks for each probe's bucket, then for its first items, then reads them. */
static void read_batch(probe *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i].map->n)
            PREFETCH(&p[i].map->dir[bucket_of(p[i].map->bits, p[i].h)]);
    for (size_t i = 0; i < n; i++) {
        p[i].end = map_find(p[i].map, p[i].h, &p[i].first);
        if (p[i].first < p[i].end)
            PREFETCH(&p[i].map->item[p[i].first]);
    }
}

/*
 * A probe's word numbers are its items; a word of the words map must have
 * the whole hash (the map keeps only half of it).
 */
static int probe_word(const lookup *q, const probe *p, uint32_t i, uint32_t *id)
{
    *id = (uint32_t)p->map->item[i];
    return p->map != &q->w->words || q->w->word_hash[*id] == p->h;
}

/* Appends the lists of the probe's words; 0 once the lists overflow. */
static int append_probe(lookup *q, const probe *p)
{
    for (uint32_t i = p->first; i < p->end; i++) {
        uint32_t id, from, to;

        if (!probe_word(q, p, i, &id))
            continue;
        from = q->w->list_off[id];
        to = q->w->list_off[id + 1];
        if (to - from > q->cap - q->n) {
            q->n = q->cap + 1;
            return 0;
        }
        memcpy(q->out + q->n, q->w->postings + from, (size_t)(to - from) * sizeof *q->out);
        q->n += to - from;
    }
    return 1;
}

static int flush(lookup *q)
{
    size_t n = q->n_batch;

    q->n_batch = 0;
    read_batch(q->batch, n);
    for (size_t i = 0; i < n; i++)
        if (!append_probe(q, &q->batch[i]))
            return 0;
    return 1;
}

static int add_probe(lookup *q, const hash_map *m, uint64_t h)
{
    q->batch[q->n_batch].map = m;
    q->batch[q->n_batch++].h = h;
    return q->n_batch < BATCH || flush(q);
}

/*
 * A word the index does not know: the words it is one edit from. Its own
 * hash among the edits finds the words it lacks a character of; each of its
 * own edits finds, among the words, those with a character less, and among
 * the edits, those with one character other or two swapped.
 */
static int probe_neighbours(lookup *q, const char *word, size_t len, uint64_t h)
{
    char buf[EDIT_MAX_BYTES + 16]; /* room past the word keeps the compiler's bound checks quiet */
    size_t i = 0;

    if (len > EDIT_MAX_BYTES || char_count(word, len) + 1 < L2A_WORDS_EDIT_MIN)
        return 1;
    if (!add_probe(q, &q->w->edits, h))
        return 0;
    while (i < len) {
        size_t n = 1;
        uint64_t e;

        while (i + n < len && !is_lead_byte((unsigned char)word[i + n]))
            n++;
        if (!(i >= n && memcmp(word + i - n, word + i, n) == 0)) {
            memcpy(buf, word, i);
            memcpy(buf + i, word + i + n, len - i - n);
            e = word_hash(buf, len - n);
            if (!add_probe(q, &q->w->words, e) || !add_probe(q, &q->w->edits, e))
                return 0;
        }
        i += n;
    }
    return 1;
}

static int is_known(const lookup *q, const probe *p)
{
    uint32_t id;

    for (uint32_t i = p->first; i < p->end; i++)
        if (probe_word(q, p, i, &id))
            return 1;
    return 0;
}

/* The key's distinct words (KEY_WORDS_MAX at most), each as a probe of the words map. */
static size_t key_words(const l2a_word_index *w, const char *key, size_t len, probe *words,
                        const char **text, size_t *text_len)
{
    size_t pos = 0, n_words = 0, n;
    const char *word;

    while (n_words < KEY_WORDS_MAX && (n = next_word(key, len, &pos, &word)) > 0) {
        uint64_t h = word_hash(word, n);
        size_t i;

        for (i = 0; i < n_words && words[i].h != h; i++)
            ;
        if (i < n_words)
            continue;
        words[n_words].map = &w->words;
        words[n_words].h = h;
        text[n_words] = word;
        text_len[n_words++] = n;
    }
    return n_words;
}

size_t l2a_words_lookup(const l2a_word_index *w, const char *key, size_t len, uint32_t *out, size_t cap)
{
    lookup q;
    probe words[KEY_WORDS_MAX];
    const char *text[KEY_WORDS_MAX];
    size_t text_len[KEY_WORDS_MAX], n_words;

    if (!w || !key)
        return 0;
    q.w = w;
    q.out = out;
    q.n = 0;
    q.cap = cap;
    q.n_batch = 0;
    n_words = key_words(w, key, len, words, text, text_len);
    read_batch(words, n_words);
    for (size_t i = 0; i < n_words; i++) {
        if (is_known(&q, &words[i]) ? !append_probe(&q, &words[i])
                                    : !probe_neighbours(&q, text[i], text_len[i], words[i].h))
            return q.n;
    }
    flush(&q);
    return q.n;
}
