/* SPDX-License-Identifier: MIT */
/* Two plots as self-contained SVG 1.1 documents (no scripts, no external
 * fonts or styles), written by hand so that any browser shows them and the
 * same figures give the same bytes. */
#ifndef L2A_CLI_SVG_PLOT_H
#define L2A_CLI_SVG_PLOT_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* One bin of a reliability diagram: scores in [lo, hi). */
typedef struct svg_bin {
    double lo, hi;
    uint64_t count;
    double mean_score; /* mean predicted probability in the bin */
    double fraction;   /* observed fraction right in the bin */
} svg_bin;

/* Observed fraction right against predicted probability per bin, with the
 * diagonal of perfect calibration and each bin's count. */
void svg_reliability(buf *out, const char *title, const char *subtitle, const svg_bin *bins,
                     size_t n);

typedef enum svg_shape { SVG_CIRCLE, SVG_SQUARE, SVG_DIAMOND } svg_shape;

/* A labelled point on a plot. */
typedef struct svg_mark {
    double x, y;
    const char *label;
    svg_shape shape;
} svg_mark;

/* Precision (y, from y_min to 1) against recall (x, 0 to 1): the curve
 * through n points, marked points, and a dashed line at target_y (none when
 * target_y < y_min). */
void svg_pr_curve(buf *out, const char *title, const char *subtitle, const double *recall,
                  const double *precision, size_t n, double y_min, const svg_mark *marks,
                  size_t n_marks, double target_y);

#endif
