/* SPDX-License-Identifier: MIT */
/* The outputs of `l2a eval`: a Markdown report, the figures as JSON, and
 * the reliability diagram and precision-recall curve as SVG. Everything is
 * a function of the figures and the paths as given, so the same inputs give
 * the same bytes. */
#ifndef L2A_CLI_EVAL_REPORT_H
#define L2A_CLI_EVAL_REPORT_H

#include "eval-metrics.h"
#include "eval-set.h"

typedef struct report_info {
    const char *title; /* NULL: "Evaluation of PERSONS" */
    const char *accounts_path, *persons_path, *truth_path;
} report_info;

void eval_report_markdown(buf *out, const eval_figures *f, const eval_set *s,
                          const report_info *info);
void eval_report_json(buf *out, const eval_figures *f, const eval_set *s,
                      const report_info *info);
void eval_report_reliability_svg(buf *out, const eval_figures *f, const eval_set *s);
void eval_report_pr_svg(buf *out, const eval_figures *f, const eval_set *s);

/* Write BUF to PATH ("-": standard output) whole or not at all. */
bool write_whole_file(const char *path, const buf *content, buf *err);

#endif
