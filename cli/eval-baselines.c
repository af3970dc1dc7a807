/* SPDX-License-Identifier: MIT */
#include "eval-baselines.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "record-fill.h"

const char *const baseline_names[BASELINE_COUNT] = {
    [BASELINE_DOMAIN] = "domain only",
    [BASELINE_NAME] = "exact normalized name",
    [BASELINE_TRIGRAM] = "domain, else trigram similarity >= 0.5",
};

/* The one account of the matcher that tells free-mail domains apart. */
#define PROBE_ID "probe"
#define PROBE_NAME "zzqx probe"
#define PROBE_DOMAIN "l2a-probe.example"

#define DOMAIN_MAX 512

/* A string key -> account index map; the first key inserted wins. */
typedef struct strmap {
    char **keys;
    uint32_t *values;
    size_t capacity, count;
} strmap;

typedef struct account_entry {
    char *id;
    char *name;
    char **aliases;
    size_t n_aliases;
    char **hosts; /* domains and website, as given */
    size_t n_hosts;
    size_t file_order;
} account_entry;

struct baselines {
    account_entry *accounts; /* sorted by id */
    size_t n_accounts;
    strmap domains, names;
    l2a_matcher *probe;
    /* pg_trgm index: one document per account name or alias */
    uint64_t *keys;      /* distinct trigrams, sorted */
    size_t *offsets;     /* n_keys + 1 offsets into docs */
    uint32_t *docs;
    size_t n_keys;
    uint32_t *doc_account;
    uint32_t *doc_size;  /* trigrams in the document */
    size_t n_docs;
};

struct baseline_scratch {
    l2a_record *rec;
    l2a_result *res;
    uint32_t *counts; /* per document */
    uint32_t *touched;
    size_t n_touched;
    uint64_t *grams;
    size_t cap_grams;
    buf key;
};

/* ---- string map ---- */

static size_t strmap_home(const strmap *m, const char *key)
{
    return (size_t)XXH3_64bits(key, strlen(key)) & (m->capacity - 1);
}

static void strmap_grow(strmap *m);

static void strmap_put(strmap *m, const char *key, uint32_t value)
{
    if (2 * (m->count + 1) > m->capacity)
        strmap_grow(m);
    size_t s = strmap_home(m, key);
    for (; m->keys[s]; s = (s + 1) & (m->capacity - 1))
        if (strcmp(m->keys[s], key) == 0)
            return;
    m->keys[s] = xstrdup(key);
    m->values[s] = value;
    m->count++;
}

static void strmap_grow(strmap *m)
{
    strmap bigger = {0};
    bigger.capacity = m->capacity ? 2 * m->capacity : 1024;
    bigger.keys = xcalloc(bigger.capacity, sizeof *bigger.keys);
    bigger.values = xcalloc(bigger.capacity, sizeof *bigger.values);
    for (size_t i = 0; i < m->capacity; i++) {
        if (!m->keys[i])
            continue;
        size_t s = strmap_home(&bigger, m->keys[i]);
        while (bigger.keys[s])
            s = (s + 1) & (bigger.capacity - 1);
        bigger.keys[s] = m->keys[i];
        bigger.values[s] = m->values[i];
        bigger.count++;
    }
    free(m->keys);
    free(m->values);
    *m = bigger;
}

static bool strmap_get(const strmap *m, const char *key, uint32_t *value)
{
    if (!m->capacity)
        return false;
    for (size_t s = strmap_home(m, key); m->keys[s]; s = (s + 1) & (m->capacity - 1)) {
        if (strcmp(m->keys[s], key) == 0) {
            *value = m->values[s];
            return true;
        }
    }
    return false;
}

static void strmap_free(strmap *m)
{
    for (size_t i = 0; i < m->capacity; i++)
        free(m->keys[i]);
    free(m->keys);
    free(m->values);
    memset(m, 0, sizeof *m);
}

/* ---- pg_trgm-like trigrams ---- */

/* Next code point of s (at *i), or -1 at the end; malformed bytes count as themselves. */
static long next_code_point(const unsigned char *s, size_t *i)
{
    unsigned char c = s[*i];
    if (!c)
        return -1;
    int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    long cp = extra == 3 ? c & 0x07 : extra == 2 ? c & 0x0F : extra == 1 ? c & 0x1F : c;
    (*i)++;
    for (int k = 0; k < extra; k++) {
        if ((s[*i] & 0xC0) != 0x80)
            return cp;
        cp = (cp << 6) | (s[*i] & 0x3F);
        (*i)++;
    }
    return cp;
}

/* pg_trgm keeps letters and digits; punctuation and symbols separate words. */
static bool is_word_char(long cp)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7)
        return false;
    if ((cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F) ||
        (cp >= 0xFF00 && cp <= 0xFF0F) || (cp >= 0xFE30 && cp <= 0xFE4F))
        return false;
    return true;
}

/* Simple lowercasing of the cased scripts pg_trgm's locale would fold. */
static long lower_code_point(long cp)
{
    if (cp >= 'A' && cp <= 'Z')
        return cp + 32;
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
        return cp + 32;
    if ((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177))
        return cp | 1; /* Latin Extended-A: capital even, small odd */
    if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
        return cp & 1 ? cp + 1 : cp; /* capital odd, small even */
    if (cp == 0x178)
        return 0xFF;
    if (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2)
        return cp + 32;
    if (cp >= 0x410 && cp <= 0x42F)
        return cp + 32;
    if (cp >= 0x400 && cp <= 0x40F)
        return cp + 80;
    return cp;
}

static int compare_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

static uint64_t pack(long a, long b, long c)
{
    return ((uint64_t)a << 42) | ((uint64_t)b << 21) | (uint64_t)c;
}

/* The distinct trigrams of TEXT, sorted, into *grams (grown as needed); returns their count. */
static size_t trigrams_of(const char *text, uint64_t **grams, size_t *cap)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0, n = 0;
    long word[3] = {' ', ' ', 0};
    int in_word = 0;
    for (;;) {
        long cp = next_code_point(s, &i);
        bool w = cp >= 0 && is_word_char(cp);
        if (n + 2 >= *cap) {
            *cap = *cap ? 2 * *cap : 64;
            *grams = xrealloc(*grams, *cap * sizeof **grams);
        }
        if (w) {
            cp = lower_code_point(cp);
            if (!in_word) {
                word[0] = ' ';
                word[1] = ' ';
                in_word = 1;
            }
            (*grams)[n++] = pack(word[0], word[1], cp);
            word[0] = word[1];
            word[1] = cp;
        } else if (in_word) {
            (*grams)[n++] = pack(word[0], word[1], ' ');
            in_word = 0;
        }
        if (cp < 0)
            break;
    }
    if (n > 1)
        qsort(*grams, n, sizeof **grams, compare_u64);
    size_t k = 0;
    for (size_t j = 0; j < n; j++)
        if (k == 0 || (*grams)[k - 1] != (*grams)[j])
            (*grams)[k++] = (*grams)[j];
    return k;
}

typedef struct gram_doc {
    uint64_t gram;
    uint32_t doc;
} gram_doc;

static int compare_gram_doc(const void *a, const void *b)
{
    const gram_doc *x = a, *y = b;
    if (x->gram != y->gram)
        return x->gram < y->gram ? -1 : 1;
    return (x->doc > y->doc) - (x->doc < y->doc);
}

static void add_doc(baselines *b, const char *text, uint32_t account, gram_doc **pairs,
                    size_t *n_pairs, size_t *cap_pairs, uint64_t **grams, size_t *cap_grams)
{
    size_t n = trigrams_of(text, grams, cap_grams);
    if (!n)
        return;
    uint32_t doc = (uint32_t)b->n_docs++;
    b->doc_account = xrealloc(b->doc_account, b->n_docs * sizeof *b->doc_account);
    b->doc_size = xrealloc(b->doc_size, b->n_docs * sizeof *b->doc_size);
    b->doc_account[doc] = account;
    b->doc_size[doc] = (uint32_t)n;
    if (*n_pairs + n > *cap_pairs) {
        while (*n_pairs + n > *cap_pairs)
            *cap_pairs = *cap_pairs ? 2 * *cap_pairs : 4096;
        *pairs = xrealloc(*pairs, *cap_pairs * sizeof **pairs);
    }
    for (size_t i = 0; i < n; i++)
        (*pairs)[(*n_pairs)++] = (gram_doc){(*grams)[i], doc};
}

static void build_trigram_index(baselines *b)
{
    gram_doc *pairs = NULL;
    size_t n_pairs = 0, cap_pairs = 0, cap_grams = 0;
    uint64_t *grams = NULL;
    for (size_t a = 0; a < b->n_accounts; a++) {
        const account_entry *e = &b->accounts[a];
        if (*e->name)
            add_doc(b, e->name, (uint32_t)a, &pairs, &n_pairs, &cap_pairs, &grams, &cap_grams);
        for (size_t k = 0; k < e->n_aliases; k++)
            add_doc(b, e->aliases[k], (uint32_t)a, &pairs, &n_pairs, &cap_pairs, &grams,
                    &cap_grams);
    }
    free(grams);
    qsort(pairs, n_pairs, sizeof *pairs, compare_gram_doc);
    b->keys = xmalloc((n_pairs + 1) * sizeof *b->keys);
    b->offsets = xmalloc((n_pairs + 2) * sizeof *b->offsets);
    b->docs = xmalloc((n_pairs + 1) * sizeof *b->docs);
    for (size_t i = 0; i < n_pairs; i++) {
        if (i == 0 || pairs[i].gram != pairs[i - 1].gram) {
            b->keys[b->n_keys] = pairs[i].gram;
            b->offsets[b->n_keys++] = i;
        }
        b->docs[i] = pairs[i].doc;
    }
    b->offsets[b->n_keys] = n_pairs;
    free(pairs);
}

/* ---- reading the accounts ---- */

static int compare_accounts(const void *a, const void *b)
{
    const account_entry *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    if (c)
        return c;
    return (x->file_order > y->file_order) - (x->file_order < y->file_order);
}

static char *slot_copy(const table_row *row, const char *column)
{
    int slot = column_slot(&accounts_schema, column, strlen(column));
    size_t len;
    const char *v = slot >= 0 ? table_row_value(row, (size_t)slot, &len) : "";
    if (slot < 0)
        len = 0;
    char *s = xmalloc(len + 1);
    memcpy(s, v, len);
    s[len] = '\0';
    return s;
}

/* The '|'-separated values of a column, trimmed, empty ones dropped. */
static char **slot_values(const table_row *row, const char *column, size_t *count, char **extra)
{
    char *all = slot_copy(row, column);
    char **values = NULL;
    size_t n = 0;
    for (char *p = all; p;) {
        char *bar = strchr(p, '|');
        if (bar)
            *bar = '\0';
        while (*p == ' ' || *p == '\t')
            p++;
        size_t len = strlen(p);
        while (len && (p[len - 1] == ' ' || p[len - 1] == '\t' || p[len - 1] == '\r'))
            p[--len] = '\0';
        if (len) {
            values = xrealloc(values, (n + 2) * sizeof *values);
            values[n++] = xstrdup(p);
        }
        p = bar ? bar + 1 : NULL;
    }
    free(all);
    if (extra && *extra && **extra) {
        values = xrealloc(values, (n + 2) * sizeof *values);
        values[n++] = *extra;
        *extra = NULL;
    }
    free(extra ? *extra : NULL);
    *count = n;
    return values;
}

static int read_accounts(baselines *b, const char *path, table_format forced,
                         table_format fallback, buf *err)
{
    table_reader *reader;
    int rc = table_reader_open(&reader, path, forced, fallback, &accounts_schema, err);
    if (rc != 0)
        return rc;
    table_row row = {0};
    size_t cap = 0, order = 0;
    int got;
    while ((got = table_reader_next(reader, &row, err)) > 0) {
        order++;
        if (row.reject.len || !row_has_id(&accounts_schema, &row))
            continue; /* the matcher rejects it too, with a warning */
        if (b->n_accounts == cap) {
            cap = cap ? 2 * cap : 1024;
            b->accounts = xrealloc(b->accounts, cap * sizeof *b->accounts);
        }
        account_entry *e = &b->accounts[b->n_accounts++];
        char *website = slot_copy(&row, "website");
        e->id = slot_copy(&row, "account_id");
        e->name = slot_copy(&row, "name");
        e->aliases = slot_values(&row, "aliases", &e->n_aliases, NULL);
        e->hosts = slot_values(&row, "domains", &e->n_hosts, &website);
        e->file_order = order;
    }
    if (got < 0)
        rc = CLI_EXIT_INPUT;
    table_row_free(&row);
    table_reader_close(reader);
    if (rc == 0 && b->n_accounts > 1)
        qsort(b->accounts, b->n_accounts, sizeof *b->accounts, compare_accounts);
    return rc;
}

static void free_entry(account_entry *e)
{
    free(e->id);
    free(e->name);
    for (size_t k = 0; k < e->n_aliases; k++)
        free(e->aliases[k]);
    free(e->aliases);
    for (size_t k = 0; k < e->n_hosts; k++)
        free(e->hosts[k]);
    free(e->hosts);
}

/* The normalized name key of TEXT into KEY; false when it has none. */
static bool name_key(const l2a_matcher *m, const char *text, buf *key)
{
    size_t need = 0;
    buf_reserve(key, 255);
    int rc = l2a_normalize_name(m, text, L2A_NTS, key->data, key->cap, &need);
    if (rc == L2A_ERR_TOO_LONG) {
        buf_reserve(key, need + 1);
        rc = l2a_normalize_name(m, text, L2A_NTS, key->data, key->cap, &need);
    }
    if (rc != L2A_OK || need == 0)
        return false;
    key->len = need;
    return true;
}

static bool registrable(const l2a_matcher *m, const char *text, char *out)
{
    return l2a_registrable_domain(m, text, L2A_NTS, out, DOMAIN_MAX, NULL) == L2A_OK && *out;
}

static void build_maps(baselines *b, const l2a_matcher *m)
{
    buf key = {0};
    char domain[DOMAIN_MAX];
    for (size_t a = 0; a < b->n_accounts; a++) {
        const account_entry *e = &b->accounts[a];
        if (a && strcmp(e->id, b->accounts[a - 1].id) == 0)
            continue; /* a repeated id: the matcher keeps the first row only */
        for (size_t k = 0; k < e->n_hosts; k++)
            if (registrable(m, e->hosts[k], domain))
                strmap_put(&b->domains, domain, (uint32_t)a);
        if (name_key(m, e->name, &key))
            strmap_put(&b->names, key.data, (uint32_t)a);
        for (size_t k = 0; k < e->n_aliases; k++)
            if (name_key(m, e->aliases[k], &key))
                strmap_put(&b->names, key.data, (uint32_t)a);
    }
    buf_free(&key);
}

static int build_probe(baselines *b, const matcher_options *o, buf *err)
{
    matcher_options po = *o;
    po.model_path = NULL; /* the weights do not matter, only the features */
    po.has_threshold = false;
    int rc = matcher_create(&b->probe, &po, err);
    if (rc != 0)
        return rc;
    l2a_record *rec = NULL;
    if (l2a_record_new(&rec) != L2A_OK)
        cli_out_of_memory();
    int e = l2a_record_set(rec, L2A_FIELD_ID, PROBE_ID, L2A_NTS);
    if (e == L2A_OK)
        e = l2a_record_set(rec, L2A_FIELD_COMPANY_NAME, PROBE_NAME, L2A_NTS);
    if (e == L2A_OK)
        e = l2a_record_add(rec, L2A_FIELD_DOMAIN, PROBE_DOMAIN, L2A_NTS);
    if (e == L2A_OK)
        e = l2a_matcher_add_account(b->probe, rec);
    if (e == L2A_OK)
        e = l2a_matcher_build(b->probe);
    l2a_record_free(rec);
    if (e != L2A_OK) {
        buf_printf(err, "baselines: %s", l2a_strerror(e));
        return CLI_EXIT_INTERNAL;
    }
    return 0;
}

int baselines_build(baselines **out, const l2a_matcher *m, const matcher_options *o,
                    const char *path, table_format forced, table_format fallback, buf *err)
{
    baselines *b = xcalloc(1, sizeof *b);
    *out = NULL;
    int rc = read_accounts(b, path, forced, fallback, err);
    if (rc == 0)
        rc = build_probe(b, o, err);
    if (rc != 0) {
        baselines_free(b);
        return rc;
    }
    build_maps(b, m);
    build_trigram_index(b);
    *out = b;
    return 0;
}

void baselines_free(baselines *b)
{
    if (!b)
        return;
    for (size_t a = 0; a < b->n_accounts; a++)
        free_entry(&b->accounts[a]);
    free(b->accounts);
    strmap_free(&b->domains);
    strmap_free(&b->names);
    l2a_matcher_free(b->probe);
    free(b->keys);
    free(b->offsets);
    free(b->docs);
    free(b->doc_account);
    free(b->doc_size);
    free(b);
}

baseline_scratch *baseline_scratch_new(const baselines *b)
{
    baseline_scratch *s = xcalloc(1, sizeof *s);
    if (l2a_record_new(&s->rec) != L2A_OK || l2a_result_new(&s->res) != L2A_OK)
        cli_out_of_memory();
    s->counts = xcalloc(b->n_docs + 1, sizeof *s->counts);
    s->touched = xmalloc((b->n_docs + 1) * sizeof *s->touched);
    return s;
}

void baseline_scratch_free(baseline_scratch *s)
{
    if (!s)
        return;
    l2a_record_free(s->rec);
    l2a_result_free(s->res);
    free(s->counts);
    free(s->touched);
    free(s->grams);
    buf_free(&s->key);
    free(s);
}

/*
 * Whether an email or website is at an ordinary (not free-mail, not
 * disposable) domain, as the library's own table says: matched against the
 * one-account probe matcher, the person conflicts with the probe's domain
 * exactly when it has such a domain (feature domain_conflict).
 */
static int corporate(const baselines *b, baseline_scratch *s, int field, const char *value,
                     bool *out)
{
    *out = false;
    l2a_record_clear(s->rec);
    if (l2a_record_set(s->rec, field, value, L2A_NTS) != L2A_OK ||
        l2a_record_set(s->rec, L2A_FIELD_COMPANY_NAME, PROBE_NAME, L2A_NTS) != L2A_OK)
        return L2A_OK;
    int rc = l2a_match(b->probe, s->rec, s->res);
    if (rc != L2A_OK)
        return rc == L2A_ERR_NOMEM ? rc : L2A_OK;
    double conflict = 0.0;
    if (l2a_result_candidate_count(s->res) > 0 &&
        l2a_result_candidate_feature(s->res, 0, L2A_FEATURE_DOMAIN_CONFLICT, &conflict, NULL) ==
            L2A_OK)
        *out = conflict > 0.5;
    return L2A_OK;
}

static int domain_rule(const baselines *b, baseline_scratch *s, const l2a_matcher *m,
                       const char *email, const char *website, const char **out)
{
    const char *values[2] = {email, website};
    const int fields[2] = {L2A_FIELD_EMAIL, L2A_FIELD_WEBSITE};
    char domain[DOMAIN_MAX];
    *out = NULL;
    for (int k = 0; k < 2; k++) {
        uint32_t a;
        bool ok;
        if (!values[k] || !*values[k] || !registrable(m, values[k], domain))
            continue;
        int rc = corporate(b, s, fields[k], values[k], &ok);
        if (rc != L2A_OK)
            return rc;
        if (ok && strmap_get(&b->domains, domain, &a)) {
            *out = b->accounts[a].id;
            return L2A_OK;
        }
    }
    return L2A_OK;
}

static const char *best_trigram(const baselines *b, baseline_scratch *s, const char *company)
{
    size_t n = trigrams_of(company, &s->grams, &s->cap_grams);
    if (!n)
        return NULL;
    s->n_touched = 0;
    for (size_t i = 0; i < n; i++) {
        size_t lo = 0, hi = b->n_keys;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (b->keys[mid] < s->grams[i])
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo == b->n_keys || b->keys[lo] != s->grams[i])
            continue;
        for (size_t p = b->offsets[lo]; p < b->offsets[lo + 1]; p++) {
            uint32_t d = b->docs[p];
            if (s->counts[d]++ == 0)
                s->touched[s->n_touched++] = d;
        }
    }
    double best = 0.0;
    uint32_t best_account = UINT32_MAX;
    for (size_t t = 0; t < s->n_touched; t++) {
        uint32_t d = s->touched[t], shared = s->counts[d];
        double sim = (double)shared / (double)(n + b->doc_size[d] - shared);
        uint32_t a = b->doc_account[d];
        if (sim > best || (sim == best && a < best_account)) {
            best = sim;
            best_account = a;
        }
        s->counts[d] = 0;
    }
    return best >= BASELINE_TRIGRAM_MIN ? b->accounts[best_account].id : NULL;
}

int baselines_predict(const baselines *b, baseline_scratch *s, const l2a_matcher *m,
                      const char *email, const char *website, const char *company,
                      const char *out[BASELINE_COUNT])
{
    uint32_t a;
    int rc = domain_rule(b, s, m, email, website, &out[BASELINE_DOMAIN]);
    if (rc != L2A_OK)
        return rc;
    out[BASELINE_NAME] = NULL;
    if (company && *company && name_key(m, company, &s->key) &&
        strmap_get(&b->names, s->key.data, &a))
        out[BASELINE_NAME] = b->accounts[a].id;
    out[BASELINE_TRIGRAM] = out[BASELINE_DOMAIN];
    if (!out[BASELINE_TRIGRAM] && company && *company)
        out[BASELINE_TRIGRAM] = best_trigram(b, s, company);
    return L2A_OK;
}
