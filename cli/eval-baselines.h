/* SPDX-License-Identifier: MIT */
/* Three simple matchers that `l2a eval` scores beside libl2a, so that its
 * figures can be read against what a plain rule or a SQL query would do:
 *
 * - domain: the registrable domain of the email, else of the website,
 *   equals a domain of an account (its domains or its website); free-mail
 *   and disposable addresses are never a match;
 * - name: the normalized company name (l2a_normalize_name) equals the
 *   normalized name or alias of an account;
 * - domain, else trigram: the domain rule, else the account whose name is
 *   the most similar by trigrams as PostgreSQL's pg_trgm counts them
 *   (lowercased words, padded, shared / union of trigram sets), when that
 *   similarity is at least 0.5.
 *
 * When several accounts qualify equally, the lowest account id wins. */
#ifndef L2A_CLI_EVAL_BASELINES_H
#define L2A_CLI_EVAL_BASELINES_H

#include "l2a.h"
#include "matcher-setup.h"
#include "table.h"

typedef enum baseline_kind {
    BASELINE_DOMAIN,
    BASELINE_NAME,
    BASELINE_TRIGRAM,
    BASELINE_COUNT
} baseline_kind;

/* Short names for tables ("domain only", ...). */
extern const char *const baseline_names[BASELINE_COUNT];

#define BASELINE_TRIGRAM_MIN 0.5

typedef struct baselines baselines;
typedef struct baseline_scratch baseline_scratch;

/* Read the accounts of PATH again and index them. M (any matcher) supplies
 * the normalization and domain rules; O configures the matcher that tells
 * free-mail domains apart. Returns 0 or an exit code with a message in err. */
int baselines_build(baselines **out, const l2a_matcher *m, const matcher_options *o,
                    const char *path, table_format forced, table_format fallback, buf *err);
void baselines_free(baselines *b);

/* Per-thread working memory. */
baseline_scratch *baseline_scratch_new(const baselines *b);
void baseline_scratch_free(baseline_scratch *s);

/* The account id each baseline picks for a person (given by its email,
 * website and company name, any of them NULL), or NULL. The ids are
 * borrowed from B. Thread-safe with one scratch per thread. Returns L2A_OK
 * or an l2a error (out of memory). */
int baselines_predict(const baselines *b, baseline_scratch *s, const l2a_matcher *m,
                      const char *email, const char *website, const char *company,
                      const char *out[BASELINE_COUNT]);

#endif
