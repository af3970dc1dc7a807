/* SPDX-License-Identifier: MIT */
/*
 * Matching one person: classify, normalize the person once, gather
 * candidates (domain map, exact names, trigram index), score each pair, and
 * decide. Runs concurrently on a built matcher; all mutable state lives in
 * the caller's result and a pooled workspace.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "legalforms.h"
#include "location.h"
#include "matcher-internal.h"
#include "result-internal.h"

static int has_text(const l2a_record *rec, int field)
{
    size_t len, i;
    const char *v = l2a_record_get(rec, field, 0, &len);

    for (i = 0; v && i < len; i++)
        if (v[i] != ' ' && v[i] != '\t' && v[i] != '\r' && v[i] != '\n')
            return 1;
    return 0;
}

static int classify(const l2a_record *person)
{
    if (l2a_record_count(person, L2A_FIELD_ACCOUNT_IDS) > 0)
        return L2A_CLASS_ACCOUNT;
    if (has_text(person, L2A_FIELD_EMAIL) || has_text(person, L2A_FIELD_COMPANY_NAME) ||
        has_text(person, L2A_FIELD_WEBSITE))
        return L2A_CLASS_KNOWN;
    return L2A_CLASS_ANONYMOUS;
}

static l2a_str buf_view(const l2a_buf *b)
{
    l2a_str s = {l2a_buf_str(b), b->len};
    return s;
}

/* The segment a candidate document lives in, and its index there. */
static const l2a_segment *doc_segment(const l2a_matcher *m, uint32_t doc, uint32_t *index)
{
    *index = doc & ~L2A_DELTA_DOC;
    return doc & L2A_DELTA_DOC ? &m->delta : &m->base;
}

/* The accounts that list the domain, looked up once for the features and the candidates. */
static void list_domain(const l2a_matcher *m, l2a_str domain, l2a_domain_listing *out)
{
    memset(out, 0, sizeof *out);
    if (!domain.len)
        return;
    out->n_base = l2a_kmap_find(m->base.domain_map, &m->base.arena, domain.s, domain.len, &out->base);
    if (m->delta.domain_map)
        out->n_delta = l2a_kmap_find(m->delta.domain_map, &m->delta.arena, domain.s, domain.len, &out->delta);
}

/* How many live accounts list the domain: base ones not tombstoned, plus the delta's. */
static uint32_t accounts_listing(const l2a_matcher *m, const l2a_domain_listing *l)
{
    size_t live = l->n_base + l->n_delta;

    if (m->n_dead)
        for (size_t i = 0; i < l->n_base; i++)
            live -= (size_t)l2a_base_dead(m, l->base[i]);
    return (uint32_t)live;
}

/* Registrable domain of an email or website; an unusable value simply yields none. */
static int person_domain(const l2a_matcher *m, l2a_workspace *ws, const l2a_record *person, int field,
                         l2a_buf *host, l2a_buf *domain, int *kind)
{
    size_t len;
    const char *v = l2a_record_get(person, field, 0, &len);
    l2a_domain_kind k;
    int rc;

    l2a_buf_reset(host);
    l2a_buf_reset(domain);
    *kind = L2A_DOMAIN_ORDINARY;
    if (!v)
        return L2A_OK;
    rc = field == L2A_FIELD_EMAIL ? l2a_dom_email_host(m->domains, v, len, host)
                                  : l2a_dom_url_host(m->domains, v, len, host);
    if (rc == L2A_OK)
        rc = l2a_domain_memo_registrable(&ws->domains, m->domains, l2a_buf_str(host), host->len, domain, &k);
    if (rc == L2A_ERR_NOT_FOUND || rc == L2A_ERR_INVALID_UTF8 || rc == L2A_ERR_INVALID_ARGUMENT) {
        l2a_buf_reset(domain);
        return L2A_OK;
    }
    if (rc)
        return rc;
    *kind = (int)k;
    return L2A_OK;
}

static int person_text(const l2a_matcher *m, const l2a_record *person, int field, l2a_buf *out)
{
    size_t len;
    const char *v = l2a_record_get(person, field, 0, &len);

    l2a_buf_reset(out);
    return v ? l2a_norm_text(m->norm, v, len, out) : L2A_OK;
}

/* Keys longer than this are left as the normalizer wrote them. */
#define KEY_FIX_MAX 256

/*
 * The length of the company name before the last separator that usually
 * starts a department, a region or a note: "Acme - Marketing", "Acme
 * (EMEA)", "Acme, Sales", "Acme | Finance"; len when there is none.
 */
static size_t name_head_length(const char *v, size_t len)
{
    static const struct {
        const char *text;
        size_t len;
    } separators[] = {
        {" - ", 3}, {" \xe2\x80\x93 ", 5}, {" \xe2\x80\x94 ", 5}, {" | ", 3}, {" / ", 3},
        {"(", 1},   {"[", 1},   {",", 1},   {";", 1},   {": ", 2},
    };

    /* From the end: the first separator met is the last one. */
    for (size_t i = len; i-- > 1;) {
        /* Every separator starts with one of these: most bytes go no further. */
        if (!memchr(" ([,;:", v[i], 6))
            continue;
        for (size_t k = 0; k < sizeof separators / sizeof separators[0]; k++)
            if (separators[k].len <= len - i && memcmp(v + i, separators[k].text, separators[k].len) == 0)
                return i;
    }
    return len;
}

/* The start of the last token of a key (tokens are separated by single spaces). */
static size_t last_token(const char *key, size_t len)
{
    size_t i = len;

    while (i > 0 && key[i - 1] != ' ')
        i--;
    return i;
}

static int is_region_word(const char *s, size_t len)
{
    /* Sales regions that follow a company name ("Acme EMEA"); countries are looked up apart. */
    static const char *const words[] = {"africa", "amer", "americas", "anz", "apac", "apj",
                                        "asia", "asia pacific", "benelux", "dach", "emea",
                                        "europe", "latam", "latin america", "mena",
                                        "middle east", "north america", "south america"};
    size_t i;

    for (i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strlen(words[i]) == len && memcmp(words[i], s, len) == 0)
            return 1;
    return 0;
}

/*
 * Where a key ends once a trailing region or country ("acme emea", "acme
 * uk", "acme north america") is cut off; len when it has none, or when no
 * word of three letters or more would be left.
 */
static size_t strip_trailing_region(const char *key, size_t len)
{
    size_t cut = len, one = last_token(key, len), two, i;

    if (one == 0 || len >= KEY_FIX_MAX)
        return len;
    two = one > 1 ? last_token(key, one - 1) : one;
    if (two < one && two > 0 &&
        (is_region_word(key + two, len - two) || l2a_loc_country_code(key + two, len - two)))
        cut = two - 1;
    else if (is_region_word(key + one, len - one) ||
             (len - one >= 2 && l2a_loc_country_code(key + one, len - one)))
        cut = one - 1;
    /* Something must be left: a word of three letters or more. */
    if (cut < len) {
        size_t start = 0;
        for (i = 0; i <= cut; i++) {
            if (i == cut || key[i] == ' ') {
                if (i - start >= 3)
                    return cut;
                start = i + 1;
            }
        }
    }
    return len;
}

/* Normalizes key[0, len) again (a legal form may now end it) into out, which may hold key. */
static int renormalize(const l2a_matcher *m, const char *key, size_t len, l2a_buf *out)
{
    char text[KEY_FIX_MAX];

    if (len >= sizeof text)
        return L2A_OK;
    memcpy(text, key, len);
    l2a_buf_reset(out);
    return l2a_norm_name(m->norm, text, len, out);
}

/*
 * The company-name key of a person, with a mistyped legal form at its end
 * dropped as the normalizer drops a well-typed one ("Mustek Limtied" ->
 * "mustek"). key holds the normalizer's key; scratch is free memory.
 */
static int fix_legal_form_typo(const l2a_matcher *m, l2a_buf *key, l2a_buf *scratch)
{
    const char *k = l2a_buf_str(key);
    size_t start = last_token(k, key->len);
    int rc;

    if (start == 0 || !l2a_legal_form_is_typo(k + start, key->len - start))
        return L2A_OK;
    if ((rc = renormalize(m, k, start - 1, scratch)) != L2A_OK)
        return rc;
    if (scratch->len == 0)
        return L2A_OK;
    l2a_buf_reset(key);
    return l2a_buf_append(key, l2a_buf_str(scratch), scratch->len);
}

/*
 * The key of the name's head into out (the workspace's text buffer, free
 * once the country is read): the name before its last separator, then
 * without a trailing region or country; none when that is empty or the
 * whole key.
 */
static int person_name_head(const l2a_matcher *m, const l2a_record *person, l2a_buf *out,
                            l2a_person_view *pv)
{
    size_t len, head, cut;
    const char *v = l2a_record_get(person, L2A_FIELD_COMPANY_NAME, 0, &len);
    int rc;

    l2a_buf_reset(out);
    pv->name_head.s = NULL;
    pv->name_head.len = 0;
    if (!v || !pv->name.len)
        return L2A_OK;
    head = name_head_length(v, len);
    if (head < len)
        rc = l2a_norm_name(m->norm, v, head, out);
    else
        rc = l2a_buf_append(out, pv->name.s, pv->name.len);
    if (rc != L2A_OK)
        return rc;
    cut = strip_trailing_region(l2a_buf_str(out), out->len);
    if (cut < out->len && (rc = renormalize(m, l2a_buf_str(out), cut, out)) != L2A_OK)
        return rc;
    if (out->len && !(out->len == pv->name.len && memcmp(l2a_buf_str(out), pv->name.s, out->len) == 0))
        pv->name_head = buf_view(out);
    return L2A_OK;
}

static int build_person_view(const l2a_matcher *m, l2a_workspace *ws, const l2a_record *person,
                             l2a_person_view *pv)
{
    const char *v;
    size_t len;
    int rc;

    memset(pv, 0, sizeof *pv);
    v = l2a_record_get(person, L2A_FIELD_COMPANY_NAME, 0, &len);
    l2a_buf_reset(&ws->name);
    if (v && (rc = l2a_norm_name(m->norm, v, len, &ws->name)) != L2A_OK)
        return rc;
    if ((rc = fix_legal_form_typo(m, &ws->name, &ws->text)) != L2A_OK)
        return rc;
    pv->name = buf_view(&ws->name);
    /* Its exact lookup comes after the domains: its bucket is asked for now. */
    l2a_kmap_prefetch(m->base.name_map, pv->name.s, pv->name.len);
    if (pv->name.len)
        pv->name_rarity = l2a_tri_rarity(m->base.trigrams, pv->name.s, pv->name.len);
    if ((rc = person_domain(m, ws, person, L2A_FIELD_EMAIL, &ws->email_host, &ws->email_domain, &pv->email_kind)))
        return rc;
    pv->email_host = buf_view(&ws->email_host);
    pv->email_domain = buf_view(&ws->email_domain);
    if ((rc = person_domain(m, ws, person, L2A_FIELD_WEBSITE, &ws->website_host, &ws->website_domain,
                            &pv->website_kind)))
        return rc;
    pv->website_domain = buf_view(&ws->website_domain);
    /* Looked up last, once the buckets asked for here have had time to come. */
    l2a_kmap_prefetch(m->base.domain_map, pv->email_domain.s, pv->email_domain.len);
    l2a_kmap_prefetch(m->base.domain_map, pv->website_domain.s, pv->website_domain.len);
    if ((rc = person_text(m, person, L2A_FIELD_COUNTRY, &ws->text)))
        return rc;
    pv->country = ws->text.len ? l2a_loc_country_code(l2a_buf_str(&ws->text), ws->text.len) : NULL;
    if ((rc = person_text(m, person, L2A_FIELD_REGION, &ws->region)) ||
        (rc = person_text(m, person, L2A_FIELD_CITY, &ws->city)))
        return rc;
    pv->region = buf_view(&ws->region);
    pv->city = buf_view(&ws->city);
    if ((rc = person_name_head(m, person, &ws->text, pv)))
        return rc;
    v = l2a_record_get(person, L2A_FIELD_PHONE, 0, &len);
    pv->phone.s = ws->phone;
    pv->phone.len = v ? l2a_loc_phone_key(v, len, ws->phone, sizeof ws->phone) : 0;
    /* Split, weighed and extracted once here rather than for each candidate. */
    l2a_person_prepare(&ws->prep, m->base.trigrams, pv);
    pv->prep = &ws->prep;
    list_domain(m, pv->email_domain, &ws->email_listing);
    list_domain(m, pv->website_domain, &ws->website_listing);
    pv->email_domain_accounts = accounts_listing(m, &ws->email_listing);
    pv->website_domain_accounts = accounts_listing(m, &ws->website_listing);
    return L2A_OK;
}

static int add_candidates(l2a_workspace *ws, const uint32_t *docs, size_t n)
{
    if (n == 0)
        return L2A_OK;
    if (ws->n_cands + n > ws->cap_cands) {
        size_t cap = ws->cap_cands ? ws->cap_cands : 64;
        uint32_t *cands;
        while (cap < ws->n_cands + n)
            cap *= 2;
        cands = l2a_reallocarray(ws->cands, cap, sizeof *cands);
        if (!cands)
            return L2A_ERR_NOMEM;
        ws->cands = cands;
        ws->cap_cands = cap;
    }
    memcpy(ws->cands + ws->n_cands, docs, n * sizeof *docs);
    ws->n_cands += n;
    return L2A_OK;
}

/*
 * Adds up to cap documents of one segment: the delta's are tagged, the
 * base's tombstoned ones skipped.
 */
static int add_segment_candidates(const l2a_matcher *m, l2a_workspace *ws, int delta, const uint32_t *docs,
                                  size_t n, size_t cap)
{
    size_t i, added = 0;
    int rc = L2A_OK;

    if (!delta && !m->n_dead)
        return add_candidates(ws, docs, n < cap ? n : cap);
    for (i = 0; i < n && added < cap && !rc; i++) {
        uint32_t doc = docs[i];
        if (delta)
            doc |= L2A_DELTA_DOC;
        else if (l2a_base_dead(m, doc))
            continue;
        rc = add_candidates(ws, &doc, 1);
        added++;
    }
    return rc;
}

static int add_domain_candidates(const l2a_matcher *m, l2a_workspace *ws, const l2a_domain_listing *l,
                                 int kind)
{
    int rc;

    if (kind != L2A_DOMAIN_ORDINARY)
        return L2A_OK;
    rc = add_segment_candidates(m, ws, 0, l->base, l->n_base, L2A_MAX_DOMAIN_CANDIDATES);
    if (!rc)
        rc = add_segment_candidates(m, ws, 1, l->delta, l->n_delta, L2A_MAX_DOMAIN_CANDIDATES);
    return rc;
}

static int add_trigram_candidates(const l2a_matcher *m, l2a_workspace *ws, int delta, l2a_str name)
{
    const l2a_trigram_index *idx = delta ? m->delta.trigrams : m->base.trigrams;
    l2a_tri_scratch **scratch = delta ? &ws->delta_scratch : &ws->scratch;
    size_t n, i;
    int rc = L2A_OK;

    if (!idx)
        return L2A_OK;
    if (!*scratch && (rc = l2a_tri_scratch_new(idx, scratch)) != L2A_OK)
        return rc;
    rc = m->name_search == L2A_NAME_SEARCH_ALWAYS
             ? l2a_tri_query(idx, *scratch, name.s, name.len, m->max_candidates, ws->hits, &n)
             : l2a_tri_query_words_first(idx, *scratch, name.s, name.len, m->max_candidates, ws->hits, &n);
    if (rc)
        return rc;
    for (i = 0; i < n && !rc; i++)
        rc = add_segment_candidates(m, ws, delta, &ws->hits[i].doc, 1, 1);
    return rc;
}

/* The accounts whose name or an alias has exactly this key. */
static int add_exact_name_candidates(const l2a_matcher *m, l2a_workspace *ws, l2a_str name)
{
    const uint32_t *docs;
    size_t n;
    int rc;

    if (!name.len)
        return L2A_OK;
    n = l2a_kmap_find(m->base.name_map, &m->base.arena, name.s, name.len, &docs);
    if ((rc = add_segment_candidates(m, ws, 0, docs, n, L2A_MAX_DOMAIN_CANDIDATES)))
        return rc;
    if (m->delta.name_map) {
        n = l2a_kmap_find(m->delta.name_map, &m->delta.arena, name.s, name.len, &docs);
        if ((rc = add_segment_candidates(m, ws, 1, docs, n, L2A_MAX_DOMAIN_CANDIDATES)))
            return rc;
    }
    return L2A_OK;
}

static int add_similar_name_candidates(const l2a_matcher *m, l2a_workspace *ws, l2a_str name)
{
    int rc;

    if (!name.len)
        return L2A_OK;
    if (ws->cap_hits < m->max_candidates) {
        l2a_tri_hit *hits = l2a_reallocarray(ws->hits, m->max_candidates, sizeof *hits);
        if (!hits)
            return L2A_ERR_NOMEM;
        ws->hits = hits;
        ws->cap_hits = m->max_candidates;
    }
    if ((rc = add_trigram_candidates(m, ws, 0, name)))
        return rc;
    return add_trigram_candidates(m, ws, 1, name);
}

static int compare_docs(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* A domain's account whose name is at least this alike the person's (trigram Jaccard) settles the name. */
#define DOMAIN_NAME_SETTLES 0.5

/* name: the person's name, its trigrams extracted once (by l2a_person_prepare). */
static int doc_named_alike(const l2a_matcher *m, uint32_t doc, const l2a_tri_sim_key *name)
{
    uint32_t index, i;
    const l2a_segment *seg = doc_segment(m, doc, &index);
    const l2a_account *a = &seg->accounts[index];
    l2a_str s = l2a_seg_str(seg, a->name);

    if (l2a_tri_similarity_with(name, s.s, s.len) >= DOMAIN_NAME_SETTLES)
        return 1;
    for (i = 0; i < a->n_aliases; i++) {
        s = l2a_seg_str(seg, seg->aliases[a->first_alias + i]);
        if (l2a_tri_similarity_with(name, s.s, s.len) >= DOMAIN_NAME_SETTLES)
            return 1;
    }
    return 0;
}

static int some_doc_named_alike(const l2a_matcher *m, const uint32_t *docs, size_t n,
                                const l2a_tri_sim_key *name)
{
    for (size_t i = 0; i < n; i++)
        if (doc_named_alike(m, docs[i], name))
            return 1;
    return 0;
}

/*
 * Exact keys first: the accounts at the person's domains and those whose
 * name or alias is exactly the person's name. The search for similar names
 * runs only when these leave the name unexplained: it is skipped when an
 * account is named exactly as the person wrote it, or when an account at
 * the person's own domain has a name much like it (a typo, a word more or
 * less). Similar names found beside such an account could only share the
 * probability with it, and that search is most of the cost of a match.
 */
/*
 * Whether the candidates found so far explain the person's name: named is
 * whether an account has it exactly; the first at_domains candidates are
 * those of the person's domains.
 */
static int name_explained(const l2a_matcher *m, const l2a_workspace *ws, const l2a_person_view *pv,
                          size_t at_domains, int named)
{
    if (m->name_search == L2A_NAME_SEARCH_ALWAYS)
        return 0;
    return named || (pv->name.len && some_doc_named_alike(m, ws->cands, at_domains, &ws->prep.name.trigrams));
}

static int gather_candidates(const l2a_matcher *m, l2a_workspace *ws, const l2a_person_view *pv)
{
    size_t i, k = 0, at_domains;
    int rc, named;

    ws->n_cands = 0;
    if ((rc = add_domain_candidates(m, ws, &ws->email_listing, pv->email_kind)) ||
        (rc = add_domain_candidates(m, ws, &ws->website_listing, pv->website_kind)))
        return rc;
    at_domains = ws->n_cands;
    if ((rc = add_exact_name_candidates(m, ws, pv->name)))
        return rc;
    named = ws->n_cands > at_domains;
    if ((rc = add_exact_name_candidates(m, ws, pv->name_head)))
        return rc;
    if (!name_explained(m, ws, pv, at_domains, named) &&
        ((rc = add_similar_name_candidates(m, ws, pv->name)) ||
                     (rc = add_similar_name_candidates(m, ws, pv->name_head))))
        return rc;
    if (ws->n_cands == 0)
        return L2A_OK;
    qsort(ws->cands, ws->n_cands, sizeof *ws->cands, compare_docs);
    for (i = 0; i < ws->n_cands; i++)
        if (k == 0 || ws->cands[k - 1] != ws->cands[i])
            ws->cands[k++] = ws->cands[i];
    ws->n_cands = k;
    return L2A_OK;
}

static int account_view(const l2a_matcher *m, l2a_workspace *ws, uint32_t doc, l2a_account_view *av)
{
    uint32_t i, index;
    const l2a_segment *seg = doc_segment(m, doc, &index);
    const l2a_account *a = &seg->accounts[index];

    if (l2a_workspace_reserve_views(ws, (size_t)a->n_aliases + a->n_domains) != L2A_OK)
        return L2A_ERR_NOMEM;
    for (i = 0; i < a->n_aliases; i++)
        ws->views[i] = l2a_seg_str(seg, seg->aliases[a->first_alias + i]);
    for (i = 0; i < a->n_domains; i++)
        ws->views[a->n_aliases + i] = l2a_seg_str(seg, seg->doms[a->first_domain + i]);
    av->name = l2a_seg_str(seg, a->name);
    av->aliases = ws->views;
    av->n_aliases = a->n_aliases;
    /* views is NULL until some account has aliases or domains: NULL + 0 is undefined. */
    av->domains = ws->views ? ws->views + a->n_aliases : NULL;
    av->n_domains = a->n_domains;
    av->country = a->country[0] ? a->country : NULL;
    av->region = l2a_seg_str(seg, a->region);
    av->city = l2a_seg_str(seg, a->city);
    av->phone = l2a_seg_str(seg, a->phone);
    return L2A_OK;
}

static int record_id(const l2a_matcher *m, l2a_result *res, l2a_scored *sc)
{
    uint32_t index;
    const l2a_segment *seg = doc_segment(m, sc->doc, &index);
    l2a_str id = l2a_seg_str(seg, seg->accounts[index].id);

    sc->id_off = (uint32_t)res->ids.len;
    if (l2a_buf_append(&res->ids, id.s, id.len) != L2A_OK || l2a_buf_putc(&res->ids, '\0') != L2A_OK)
        return L2A_ERR_NOMEM;
    return L2A_OK;
}

static int score_candidates(const l2a_matcher *m, l2a_workspace *ws, const l2a_person_view *pv, l2a_result *res)
{
    size_t i;
    int rc;

    if ((rc = l2a_result_reserve(res, ws->n_cands)))
        return rc;
    for (i = 0; i < ws->n_cands; i++) {
        l2a_scored *sc = &res->cands[i];
        l2a_account_view av;

        sc->doc = ws->cands[i];
        if ((rc = account_view(m, ws, sc->doc, &av)))
            return rc;
        l2a_features_compute(m->base.trigrams, pv, &av, sc->value);
        sc->logit = l2a_model_logit(&m->model, sc->value, sc->contrib);
        res->n_cands = i + 1;
    }
    return L2A_OK;
}

/*
 * The candidates compete: only one account (or none) is right, so each
 * gets its share of a softmax over the candidates and "none" (whose
 * log-odds is 0; the bias sets the bar). Two accounts that cannot be told
 * apart then split the probability instead of both claiming it. The
 * calibration maps each share to the probability the user sees.
 */
static void assign_probabilities(const l2a_matcher *m, l2a_result *res)
{
    double top = 0.0, sum, share;
    size_t i;

    for (i = 0; i < res->n_cands; i++)
        top = res->cands[i].logit > top ? res->cands[i].logit : top;
    sum = exp(-top); /* "none" */
    for (i = 0; i < res->n_cands; i++)
        sum += exp(res->cands[i].logit - top);
    for (i = 0; i < res->n_cands; i++) {
        share = exp(res->cands[i].logit - top) / sum;
        res->cands[i].prob = l2a_model_calibrate(&m->model, share);
    }
}

/* Best first; equal scores are ordered by account id below. */
static int compare_scored(const void *a, const void *b)
{
    const l2a_scored *x = a, *y = b;

    if (x->logit != y->logit)
        return x->logit > y->logit ? -1 : 1;
    return (x->doc > y->doc) - (x->doc < y->doc);
}

static const char *doc_id(const l2a_matcher *m, uint32_t doc)
{
    uint32_t index;
    const l2a_segment *seg = doc_segment(m, doc, &index);

    return l2a_seg_cstr(seg, seg->accounts[index].id);
}

/*
 * Equal scores fall back to the account id, so that the order does not
 * depend on where an account lives (base or delta) or when it was added.
 * Runs of equal scores are short: insertion sort.
 */
static void order_ties_by_id(const l2a_matcher *m, l2a_result *res)
{
    size_t start = 0, end, i, j;

    while (start < res->n_cands) {
        for (end = start + 1; end < res->n_cands && res->cands[end].logit == res->cands[start].logit; end++)
            ;
        for (i = start + 1; i < end; i++) {
            l2a_scored tmp = res->cands[i];
            const char *id = doc_id(m, tmp.doc);
            for (j = i; j > start && strcmp(doc_id(m, res->cands[j - 1].doc), id) > 0; j--)
                res->cands[j] = res->cands[j - 1];
            res->cands[j] = tmp;
        }
        start = end;
    }
}

static int method_of(const l2a_scored *best)
{
    if (best->value[L2A_FEATURE_EMAIL_DOMAIN] > 0)
        return L2A_METHOD_DOMAIN;
    if (best->value[L2A_FEATURE_WEBSITE_DOMAIN] > 0)
        return L2A_METHOD_WEBSITE;
    if (best->value[L2A_FEATURE_ALIAS_EXACT] > 0 && best->value[L2A_FEATURE_NAME_EXACT] == 0)
        return L2A_METHOD_ALIAS;
    return L2A_METHOD_NAME;
}

static void rank_reasons(l2a_result *res)
{
    const l2a_scored *best = &res->cands[0];
    size_t i, j;
    int f;

    res->n_reasons = 0;
    for (f = 0; f < L2A_FEATURE_COUNT; f++) {
        if (best->contrib[f] == 0.0)
            continue;
        /* Insertion sort: at most L2A_FEATURE_COUNT items, stable on feature id. */
        for (i = res->n_reasons; i > 0 && fabs(best->contrib[res->reasons[i - 1]]) < fabs(best->contrib[f]); i--)
            ;
        for (j = res->n_reasons; j > i; j--)
            res->reasons[j] = res->reasons[j - 1];
        res->reasons[i] = f;
        res->n_reasons++;
    }
}

static void decide(const l2a_matcher *m, l2a_result *res)
{
    const l2a_scored *best, *second;

    if (res->n_cands == 0) {
        res->status = L2A_STATUS_NO_CANDIDATE;
        return;
    }
    best = &res->cands[0];
    second = res->n_cands > 1 ? &res->cands[1] : NULL;
    res->method = method_of(best);
    rank_reasons(res);
    /*
     * Ambiguous: the top two are within the margin of each other and
     * together (or each) clear the threshold — the person belongs to one of
     * them, but the evidence cannot say which.
     */
    if (second && best->prob - second->prob <= m->margin && best->prob + second->prob >= m->threshold)
        res->status = L2A_STATUS_AMBIGUOUS;
    else if (best->prob >= m->threshold)
        res->status = L2A_STATUS_MATCHED;
    else
        res->status = L2A_STATUS_BELOW_THRESHOLD;
}

static int reject(l2a_result *res, int rc, const char *what)
{
    res->status = L2A_STATUS_REJECTED;
    res->n_cands = 0;
    res->n_reasons = 0;
    res->method = L2A_METHOD_NONE;
    return l2a_set_error(res->errmsg, rc, "%s: %s", what, l2a_strerror(rc));
}

static int match_known(const l2a_matcher *m, const l2a_record *person, l2a_result *res)
{
    l2a_workspace *ws = l2a_workspace_acquire(m);
    l2a_person_view pv;
    size_t i;
    int rc;

    if (!ws)
        return reject(res, L2A_ERR_NOMEM, "match");
    rc = build_person_view(m, ws, person, &pv);
    if (!rc)
        rc = gather_candidates(m, ws, &pv);
    if (!rc)
        rc = score_candidates(m, ws, &pv, res);
    l2a_workspace_release(m, ws);
    if (rc)
        return reject(res, rc, "match");
    if (res->n_cands > 1)
        qsort(res->cands, res->n_cands, sizeof *res->cands, compare_scored);
    order_ties_by_id(m, res);
    assign_probabilities(m, res);
    for (i = 0; i < res->n_cands; i++)
        if ((rc = record_id(m, res, &res->cands[i])))
            return reject(res, rc, "match");
    decide(m, res);
    return L2A_OK;
}

L2A_API int l2a_match(const l2a_matcher *m, const l2a_record *person, l2a_result *out)
{
    if (!out)
        return L2A_ERR_INVALID_ARGUMENT;
    l2a_result_reset(out);
    if (!m || !person)
        return reject(out, L2A_ERR_INVALID_ARGUMENT, m ? "match: NULL person" : "match: NULL matcher");
    if (!m->built)
        return reject(out, L2A_ERR_NOT_BUILT, "match: call l2a_matcher_build first");
    out->person_class = classify(person);
    if (out->person_class == L2A_CLASS_ACCOUNT) {
        out->status = L2A_STATUS_SKIPPED;
        return L2A_OK;
    }
    if (out->person_class == L2A_CLASS_ANONYMOUS) {
        out->status = L2A_STATUS_ANONYMOUS;
        return L2A_OK;
    }
    return match_known(m, person, out);
}
