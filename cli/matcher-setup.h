/* SPDX-License-Identifier: MIT */
/* A ready matcher: model, free-mail domains, threshold, accounts, built. */
#ifndef L2A_CLI_MATCHER_SETUP_H
#define L2A_CLI_MATCHER_SETUP_H

#include <stdbool.h>

#include "l2a.h"
#include "metrics.h"
#include "rejects.h"
#include "table.h"

typedef struct matcher_options {
    const char *model_path;    /* NULL: the built-in model */
    const char *freemail_path; /* NULL: the built-in table only */
    bool has_threshold;
    double threshold;
    bool search_every_name; /* L2A_NAME_SEARCH_ALWAYS instead of the default */
} matcher_options;

/* Returns 0, or an exit code with a message in err. */
int matcher_create(l2a_matcher **out, const matcher_options *o, buf *err);

/*
 * A matcher from a snapshot written by `l2a index build`: built already,
 * with the model and free-mail domains it was built with; o may only set
 * the threshold and the name search. Returns 0, or an exit code with a
 * message in err.
 */
int matcher_open_index(l2a_matcher **out, const char *path, const matcher_options *o, buf *err);

/* Register every account of PATH (its format chosen as table_reader_open()
 * does) and build the matcher. Unusable rows go
 * to RJ (or, when RJ is NULL, to stderr as warnings); counts go to M.
 * Returns 0, or an exit code with a message in err. */
int matcher_load_accounts(l2a_matcher *matcher, const char *path, table_format forced,
                          table_format fallback, rejects *rj, job_metrics *m, bool quiet,
                          buf *err);

/* Report an unusable input row; returns 0 or CLI_EXIT_OUTPUT. */
int report_reject(rejects *rj, const char *source, const table_row *row, const char *reason,
                  buf *err);

#endif
