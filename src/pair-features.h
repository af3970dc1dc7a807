/* SPDX-License-Identifier: MIT */
/*
 * Pairwise features of a (person, account) pair: the evidence the scorer
 * weighs. Inputs are already normalized views; this module knows nothing
 * of records, file formats or how candidates were found.
 */
#ifndef L2A_PAIR_FEATURES_H
#define L2A_PAIR_FEATURES_H

#include <stddef.h>
#include <stdint.h>

#include "l2a.h"
#include "trigram.h"

typedef struct l2a_str {
    const char *s;
    size_t len;
} l2a_str;

/* What the features need of a person alone, worked out once for all its candidates (name-similarity.h). */
typedef struct l2a_person_prep l2a_person_prep;

typedef struct l2a_person_view {
    l2a_str name;            /* normalized company-name key; len 0 when none */
    l2a_str name_head;       /* key of the name before a separator ("Acme" of
                                "Acme - Marketing"); len 0 when none or the same */
    /*
     * l2a_person_prepare of this view (its strings unchanged since) for the
     * index given to l2a_features_compute, so that each pair does not split,
     * weigh and extract the person's keys again. NULL, or made from other
     * strings or for another index: each pair prepares them itself, with the
     * same results.
     */
    const l2a_person_prep *prep;
    double name_rarity;      /* l2a_tri_rarity of the key, 0 when none */
    l2a_str email_host;      /* lowercase ASCII host of the email; len 0 when none */
    l2a_str email_domain;    /* its registrable domain; len 0 when none */
    int email_kind;          /* l2a_domain_kind of the email domain */
    l2a_str website_domain;  /* registrable domain of the company website */
    int website_kind;        /* l2a_domain_kind of it */
    uint32_t email_domain_accounts;   /* accounts listing the email domain */
    uint32_t website_domain_accounts; /* accounts listing the website domain */
    const char *country;     /* ISO alpha-2, or NULL */
    l2a_str region;          /* normalized text keys; len 0 when none */
    l2a_str city;
    l2a_str phone;           /* phone key (digits) */
} l2a_person_view;

typedef struct l2a_account_view {
    l2a_str name;
    const l2a_str *aliases;
    size_t n_aliases;
    const l2a_str *domains;  /* registrable, never free-mail */
    size_t n_domains;
    const char *country;
    l2a_str region;
    l2a_str city;
    l2a_str phone;
} l2a_account_view;

/* True when the person has an email or website at an ordinary (not free-mail) domain. */
int l2a_person_has_corporate_domain(const l2a_person_view *p);

/* Prepares what l2a_features_compute needs of p alone; p->prep may then point to it. */
void l2a_person_prepare(l2a_person_prep *prep, const l2a_trigram_index *idx, const l2a_person_view *p);

/* Fills out[L2A_FEATURE_COUNT]. idx supplies IDF weights for token overlap. */
void l2a_features_compute(const l2a_trigram_index *idx, const l2a_person_view *p,
                          const l2a_account_view *a, double *out);

/* Name similarities, exposed for tests. All return 0..1. */
double l2a_name_edit_similarity(l2a_str a, l2a_str b);
double l2a_name_token_overlap(const l2a_trigram_index *idx, l2a_str a, l2a_str b);
int l2a_name_is_acronym(l2a_str short_name, l2a_str long_name);
/* 1 for equal tokens; 1 - edits / longest for a likely typo (tokens of 4+ letters, 0.75+); else 0. */
double l2a_token_similarity(l2a_str a, l2a_str b);
/* IDF-weighted share of a's distinct tokens found in b, typos tolerated (l2a_token_similarity). */
double l2a_name_coverage(const l2a_trigram_index *idx, l2a_str a, l2a_str b);

#endif
