/* SPDX-License-Identifier: MIT */
/* Job metrics: what was read, how every row ended, how long it took. */
#ifndef L2A_CLI_METRICS_H
#define L2A_CLI_METRICS_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "atomic-file.h"
#include "util.h"

#define HISTOGRAM_BINS 10

typedef struct job_metrics {
    struct timespec started_at, ended_at; /* wall clock, for the timestamps */
    double start, accounts_done, end;     /* monotonic seconds */

    const char *accounts_path, *persons_path, *output_path, *rejects_path;
    const char *model_version;
    double threshold;
    unsigned threads;

    uint64_t accounts_read, accounts_loaded, accounts_rejected;
    uint64_t persons_read, persons_rejected;
    uint64_t skipped, anonymous, matched, below_threshold, no_candidate, ambiguous;
    uint64_t rows_written;
    uint64_t histogram[HISTOGRAM_BINS]; /* best candidate score of known persons */

    int exit_code;
    const char *error; /* why the job failed, or NULL */
} job_metrics;

void metrics_start(job_metrics *m);
void metrics_accounts_loaded(job_metrics *m);
void metrics_finish(job_metrics *m, int exit_code, const char *error);
/* Count one person that was matched (not rejected) by its l2a_status. */
void metrics_count(job_metrics *m, int status, bool has_candidate, double score);
uint64_t metrics_known(const job_metrics *m);
/* persons_read = matched + below_threshold + no_candidate + ambiguous
 *              + skipped + anonymous + rejected */
bool metrics_balanced(const job_metrics *m);
/* Write into F (opened with atomic_file_open) and commit it: the metrics
 * file appears whole or not at all. */
bool metrics_write(const job_metrics *m, atomic_file *f, buf *err);

#endif
