/* SPDX-License-Identifier: MIT */
#include "pair-features.h"

#include <math.h>
#include <string.h>

#include "domain.h"
#include "name-similarity.h"

static int str_eq(l2a_str a, l2a_str b)
{
    return a.len == b.len && (a.len == 0 || memcmp(a.s, b.s, a.len) == 0);
}

int l2a_person_has_corporate_domain(const l2a_person_view *p)
{
    return (p->email_domain.len && p->email_kind == L2A_DOMAIN_ORDINARY) ||
           (p->website_domain.len && p->website_kind == L2A_DOMAIN_ORDINARY);
}

static int domain_listed(const l2a_account_view *a, l2a_str domain)
{
    size_t i;

    if (!domain.len)
        return 0;
    for (i = 0; i < a->n_domains; i++)
        if (str_eq(a->domains[i], domain))
            return 1;
    return 0;
}

static void domain_features(const l2a_person_view *p, const l2a_account_view *a, double *out)
{
    int email_ok = p->email_kind == L2A_DOMAIN_ORDINARY && domain_listed(a, p->email_domain);
    int site_ok = p->website_kind == L2A_DOMAIN_ORDINARY && domain_listed(a, p->website_domain);
    uint32_t shared = 0;

    out[L2A_FEATURE_EMAIL_DOMAIN] = email_ok;
    out[L2A_FEATURE_EMAIL_SUBDOMAIN] = email_ok && !str_eq(p->email_host, p->email_domain);
    out[L2A_FEATURE_WEBSITE_DOMAIN] = site_ok;
    if (email_ok)
        shared = p->email_domain_accounts;
    else if (site_ok)
        shared = p->website_domain_accounts;
    out[L2A_FEATURE_DOMAIN_SHARED] = shared > 1 ? log2((double)shared) : 0.0;
    out[L2A_FEATURE_DOMAIN_CONFLICT] = !email_ok && !site_ok && a->n_domains > 0 &&
                                       l2a_person_has_corporate_domain(p);
    out[L2A_FEATURE_FREEMAIL] = p->email_domain.len && p->email_kind != L2A_DOMAIN_ORDINARY;
}

/*
 * The first label of the person's corporate domain, hyphens dropped
 * ("osprey-med.com": "ospreymed"), into label; its length, 0 when there is
 * none.
 */
static size_t domain_label(const l2a_person_view *p, char *label)
{
    l2a_str d = p->email_kind == L2A_DOMAIN_ORDINARY && p->email_domain.len ? p->email_domain
                                                                             : p->website_domain;
    size_t i, n = 0;

    if (!d.len || !l2a_person_has_corporate_domain(p))
        return 0;
    for (i = 0; i < d.len && d.s[i] != '.' && n < L2A_DOMAIN_LABEL_MAX; i++)
        if (d.s[i] != '-')
            label[n++] = d.s[i];
    return n;
}

/*
 * The domain label against the account name without spaces (name_tokens:
 * the name split). An empty label is as dissimilar as no label.
 */
static double domain_name_similarity(const l2a_person_prep *prep, const l2a_account_view *a,
                                     const l2a_name_tokens *name_tokens)
{
    const l2a_tri_sim_key *label = &prep->label_trigrams;
    char name[128];
    size_t i, k = 0;
    double best;

    if (!prep->label_len || !a->name.len)
        return 0.0;
    for (i = 0; i < a->name.len && k < sizeof name - 1; i++)
        if (a->name.s[i] != ' ')
            name[k++] = a->name.s[i];
    best = l2a_tri_similarity_with(label, name, k);
    /*
     * Or one word of the name: "umbrella.com" is as much "Umbrella Holdings"
     * as "Umbrella Pharmaceuticals", whatever the length of the other words.
     */
    for (i = 0; i < name_tokens->n; i++) {
        l2a_str t = name_tokens->tok[i];
        double sim;
        if (t.len < 3)
            continue;
        sim = l2a_tri_similarity_with(label, t.s, t.len);
        best = sim > best ? sim : best;
    }
    return best;
}

/* The name evidence of one person key against an account's name and aliases. */
typedef struct name_scores {
    double trigram, token, edit, person_cov, account_cov;
    int exact, alias_exact, acronym;
} name_scores;

static double larger(double a, double b)
{
    return a > b ? a : b;
}

/* A person key against one name of the account (its name or an alias), keeping the best of each. */
static void score_one(const l2a_name_key *key, l2a_name_tokens *name, name_scores *s)
{
    l2a_str n = name->key;
    l2a_token_scores tokens;

    l2a_name_key_compare_tokens(key, name, &tokens);
    s->trigram = larger(l2a_tri_similarity_with(&key->trigrams, n.s, n.len), s->trigram);
    s->token = larger(tokens.overlap, s->token);
    s->edit = larger(l2a_name_key_edit_similarity(key, n), s->edit);
    s->person_cov = larger(tokens.key_coverage, s->person_cov);
    s->account_cov = larger(tokens.name_coverage, s->account_cov);
    if (l2a_name_tokens_acronym(&key->tokens, name) || l2a_name_tokens_acronym(name, &key->tokens))
        s->acronym = 1;
}

/*
 * Each person key against the account's name (name_tokens), then against
 * each alias: a name is split, and its tokens weighed, once for all keys.
 */
static void score_names(const l2a_name_key *const *keys, size_t n_keys, const l2a_account_view *a,
                        l2a_name_tokens *name_tokens, name_scores *s)
{
    l2a_name_tokens alias;
    size_t i, k;

    for (k = 0; k < n_keys; k++) {
        memset(&s[k], 0, sizeof s[k]);
        score_one(keys[k], name_tokens, &s[k]);
        s[k].exact = str_eq(keys[k]->tokens.key, a->name);
    }
    for (i = 0; i < a->n_aliases; i++) {
        l2a_name_tokens_split(&alias, a->aliases[i]);
        for (k = 0; k < n_keys; k++) {
            score_one(keys[k], &alias, &s[k]);
            if (str_eq(keys[k]->tokens.key, a->aliases[i]))
                s[k].alias_exact = 1;
        }
    }
}

static void name_features(const l2a_person_prep *prep, const l2a_person_view *p,
                          const l2a_account_view *a, l2a_name_tokens *name_tokens, double *out)
{
    const l2a_name_key *keys[2] = {&prep->name, &prep->head};
    name_scores scores[2], *full = &scores[0], *head = &scores[1];

    out[L2A_FEATURE_NAME_MISSING] = p->name.len == 0;
    if (p->name.len == 0)
        return;
    out[L2A_FEATURE_NAME_RARITY] = p->name_rarity;
    /*
     * A department, region or note after a separator ("Acme - Marketing",
     * "Acme (EMEA)"): the head of the name is compared too, each feature
     * keeping the better of the two, and name_head says the head matched
     * better than the whole name.
     */
    score_names(keys, p->name_head.len ? 2 : 1, a, name_tokens, scores);
    if (p->name_head.len) {
        out[L2A_FEATURE_NAME_HEAD] = head->trigram > full->trigram;
        full->trigram = larger(full->trigram, head->trigram);
        full->token = larger(full->token, head->token);
        full->edit = larger(full->edit, head->edit);
        full->person_cov = larger(full->person_cov, head->person_cov);
        full->account_cov = larger(full->account_cov, head->account_cov);
        full->exact |= head->exact;
        full->alias_exact |= head->alias_exact;
        full->acronym |= head->acronym;
    }
    out[L2A_FEATURE_NAME_TRIGRAM] = full->trigram;
    out[L2A_FEATURE_NAME_TOKEN] = full->token;
    out[L2A_FEATURE_NAME_EDIT] = full->edit;
    out[L2A_FEATURE_NAME_EXACT] = full->exact;
    out[L2A_FEATURE_NAME_ACRONYM] = full->acronym;
    out[L2A_FEATURE_ALIAS_EXACT] = full->alias_exact;
    out[L2A_FEATURE_NAME_PERSON_COVERAGE] = full->person_cov;
    out[L2A_FEATURE_NAME_ACCOUNT_COVERAGE] = full->account_cov;
}

static void location_features(const l2a_person_view *p, const l2a_account_view *a, double *out)
{
    if (p->country && a->country) {
        int same = strcmp(p->country, a->country) == 0;
        out[L2A_FEATURE_COUNTRY_MATCH] = same;
        out[L2A_FEATURE_COUNTRY_MISMATCH] = !same;
    }
    out[L2A_FEATURE_REGION_MATCH] = p->region.len && str_eq(p->region, a->region);
    out[L2A_FEATURE_CITY_MATCH] = p->city.len && str_eq(p->city, a->city);
    /* Country code plus area prefix: the first six digits of the international form. */
    out[L2A_FEATURE_PHONE_PREFIX] = p->phone.len >= 6 && a->phone.len >= 6 &&
                                    memcmp(p->phone.s, a->phone.s, 6) == 0;
}

void l2a_person_prepare(l2a_person_prep *prep, const l2a_trigram_index *idx, const l2a_person_view *p)
{
    prep->idx = idx;
    l2a_name_key_prepare(&prep->name, idx, p->name);
    l2a_name_key_prepare(&prep->head, idx, p->name_head);
    prep->label_len = domain_label(p, prep->label);
    l2a_tri_sim_prepare(&prep->label_trigrams, prep->label, prep->label_len);
}

/* Whether a prepared key was made from the view's key: the same bytes in the same place. */
static int same_key(l2a_str prepared, l2a_str key)
{
    return prepared.len == key.len && (key.len == 0 || prepared.s == key.s);
}

/* Whether prep was made from p's strings for idx (the label, which it copied, must be equal). */
static int prep_fits(const l2a_person_prep *prep, const l2a_trigram_index *idx, const l2a_person_view *p)
{
    char label[L2A_DOMAIN_LABEL_MAX];
    size_t n;

    if (!prep || prep->idx != idx || !same_key(prep->name.tokens.key, p->name) ||
        !same_key(prep->head.tokens.key, p->name_head))
        return 0;
    n = domain_label(p, label);
    return n == prep->label_len && (n == 0 || memcmp(label, prep->label, n) == 0);
}

void l2a_features_compute(const l2a_trigram_index *idx, const l2a_person_view *p,
                          const l2a_account_view *a, double *out)
{
    l2a_person_prep local;
    const l2a_person_prep *prep = p->prep;
    l2a_name_tokens name;

    if (!prep_fits(prep, idx, p)) {
        l2a_person_prepare(&local, idx, p);
        prep = &local;
    }
    memset(out, 0, sizeof(double) * L2A_FEATURE_COUNT);
    l2a_name_tokens_split(&name, a->name);
    domain_features(p, a, out);
    name_features(prep, p, a, &name, out);
    location_features(p, a, out);
    out[L2A_FEATURE_DOMAIN_NAME] = domain_name_similarity(prep, a, &name);
}
