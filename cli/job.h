/* SPDX-License-Identifier: MIT */
/* The daily lead-to-account job behind `l2a match`. */
#ifndef L2A_CLI_JOB_H
#define L2A_CLI_JOB_H

#include <stdbool.h>

#include "matcher-setup.h"
#include "table.h"

typedef struct match_job_options {
    const char *accounts_path; /* NULL when index_path is given */
    const char *index_path;    /* a snapshot from `l2a index build`, or NULL */
    const char *persons_path;
    const char *output_path;  /* "-": standard output */
    const char *rejects_path; /* NULL: beside the output */
    const char *metrics_path; /* NULL: none */
    table_format format;        /* for files whose name does not tell (--format) */
    table_format input_format;  /* both inputs, whatever their names (--input-format) */
    table_format output_format; /* the output, whatever its name (--output-format) */
    bool all;
    bool explain;
    bool quiet;
    unsigned threads;
    matcher_options matcher;
} match_job_options;

/* Run the job; returns the exit code (see l2a(1)). */
int run_match_job(const match_job_options *o);

#endif
