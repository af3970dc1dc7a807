/* SPDX-License-Identifier: MIT */
#include "svg-plot.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* The canvas and the plotting area inside it, in pixels. */
#define WIDTH 640
#define HEIGHT 520
#define LEFT 70.0
#define RIGHT 610.0
#define TOP 70.0
#define BOTTOM 450.0

#define FONT "font-family=\"DejaVu Sans, Verdana, Arial, sans-serif\""
#define CURVE_COLOR "#1f5fa8"
#define BAR_COLOR "#8fb4de"
#define MARK_COLOR "#c0392b"
#define GRID_COLOR "#dddddd"

typedef struct frame {
    double x_min, x_max, y_min, y_max;
} frame;

static double px(const frame *f, double x)
{
    return LEFT + (x - f->x_min) / (f->x_max - f->x_min) * (RIGHT - LEFT);
}

static double py(const frame *f, double y)
{
    return BOTTOM - (y - f->y_min) / (f->y_max - f->y_min) * (BOTTOM - TOP);
}

static void escaped(buf *out, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': buf_puts(out, "&amp;"); break;
        case '<': buf_puts(out, "&lt;"); break;
        case '>': buf_puts(out, "&gt;"); break;
        case '"': buf_puts(out, "&quot;"); break;
        default: buf_putc(out, *s);
        }
    }
}

static void text(buf *out, double x, double y, const char *anchor, int size, const char *extra,
                 const char *s)
{
    buf_printf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\" %s%s>", x,
               y, anchor, size, FONT, extra ? extra : "");
    escaped(out, s);
    buf_puts(out, "</text>\n");
}

static void begin(buf *out, const char *title, const char *subtitle)
{
    buf_printf(out,
               "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
               "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%d\" "
               "height=\"%d\" viewBox=\"0 0 %d %d\">\n<title>",
               WIDTH, HEIGHT, WIDTH, HEIGHT);
    escaped(out, title);
    buf_puts(out, "</title>\n");
    buf_printf(out, "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n",
               WIDTH, HEIGHT);
    text(out, WIDTH / 2.0, 28, "middle", 18, " font-weight=\"bold\"", title);
    if (subtitle && *subtitle)
        text(out, WIDTH / 2.0, 50, "middle", 13, " fill=\"#444444\"", subtitle);
}

/* Grid, ticks, tick labels and axis titles. */
static void axes(buf *out, const frame *f, double x_step, double y_step, const char *x_title,
                 const char *y_title)
{
    char label[32];
    buf_puts(out, "<g stroke=\"" GRID_COLOR "\" stroke-width=\"1\">\n");
    for (int i = 0;; i++) {
        double x = f->x_min + i * x_step;
        if (x > f->x_max + 1e-9)
            break;
        buf_printf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n", px(f, x),
                   TOP, px(f, x), BOTTOM);
    }
    for (int i = 0;; i++) {
        double y = f->y_min + i * y_step;
        if (y > f->y_max + 1e-9)
            break;
        buf_printf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n", LEFT,
                   py(f, y), RIGHT, py(f, y));
    }
    buf_puts(out, "</g>\n");
    buf_printf(out,
               "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" "
               "stroke=\"#333333\" stroke-width=\"1\"/>\n",
               LEFT, TOP, RIGHT - LEFT, BOTTOM - TOP);
    for (int i = 0;; i++) {
        double x = f->x_min + i * x_step;
        if (x > f->x_max + 1e-9)
            break;
        snprintf(label, sizeof label, "%.1f", x);
        text(out, px(f, x), BOTTOM + 18, "middle", 12, NULL, label);
    }
    for (int i = 0;; i++) {
        double y = f->y_min + i * y_step;
        if (y > f->y_max + 1e-9)
            break;
        snprintf(label, sizeof label, y_step < 0.1 - 1e-9 ? "%.2f" : "%.1f", y);
        text(out, LEFT - 8, py(f, y) + 4, "end", 12, NULL, label);
    }
    text(out, (LEFT + RIGHT) / 2, BOTTOM + 42, "middle", 14, NULL, x_title);
    buf_printf(out,
               "<text x=\"20\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"14\" %s "
               "transform=\"rotate(-90 20 %.1f)\">",
               (TOP + BOTTOM) / 2, FONT, (TOP + BOTTOM) / 2);
    escaped(out, y_title);
    buf_puts(out, "</text>\n");
}

static void end(buf *out)
{
    buf_puts(out, "</svg>\n");
}

void svg_reliability(buf *out, const char *title, const char *subtitle, const svg_bin *bins,
                     size_t n)
{
    frame f = {0.0, 1.0, 0.0, 1.0};
    char label[64];
    begin(out, title, subtitle);
    axes(out, &f, 0.1, 0.1, "predicted probability (score of the best candidate)",
         "observed fraction right");
    /* Bars: the observed fraction right of each bin; the count above. */
    for (size_t i = 0; i < n; i++) {
        const svg_bin *b = &bins[i];
        if (!b->count)
            continue;
        double x0 = px(&f, b->lo) + 2, x1 = px(&f, b->hi) - 2, y = py(&f, b->fraction);
        buf_printf(out,
                   "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"" BAR_COLOR
                   "\" stroke=\"" CURVE_COLOR "\" stroke-width=\"1\"/>\n",
                   x0, y, x1 - x0, BOTTOM - y);
        snprintf(label, sizeof label, "%llu", (unsigned long long)b->count);
        text(out, (x0 + x1) / 2, BOTTOM - 6, "middle", 11, " fill=\"#222222\"", label);
    }
    /* Perfect calibration. */
    buf_printf(out,
               "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#555555\" "
               "stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\n",
               px(&f, 0), py(&f, 0), px(&f, 1), py(&f, 1));
    /* The mean score of each bin against its fraction right. */
    buf_puts(out, "<g fill=\"" MARK_COLOR "\">\n");
    for (size_t i = 0; i < n; i++)
        if (bins[i].count)
            buf_printf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\"/>\n",
                       px(&f, bins[i].mean_score), py(&f, bins[i].fraction));
    buf_puts(out, "</g>\n");
    /* Legend. */
    double lx = LEFT + 12, ly = TOP + 16;
    buf_printf(out,
               "<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"10\" fill=\"" BAR_COLOR
               "\" stroke=\"" CURVE_COLOR "\"/>\n",
               lx, ly - 9);
    text(out, lx + 20, ly, "start", 12, NULL, "fraction right per bin (count at its foot)");
    buf_printf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"" MARK_COLOR "\"/>\n", lx + 7,
               ly + 14);
    text(out, lx + 20, ly + 18, "start", 12, NULL, "mean predicted probability of the bin");
    buf_printf(out,
               "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#555555\" "
               "stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\n",
               lx, ly + 32, lx + 14, ly + 32);
    text(out, lx + 20, ly + 36, "start", 12, NULL, "perfect calibration");
    end(out);
}

static const char *const mark_colors[] = {"#c0392b", "#7f8c8d", "#e67e22", "#8e44ad",
                                          "#16a085"};

static void shape(buf *out, svg_shape kind, double x, double y, const char *color)
{
    switch (kind) {
    case SVG_SQUARE:
        buf_printf(out,
                   "<rect x=\"%.1f\" y=\"%.1f\" width=\"10\" height=\"10\" fill=\"%s\" "
                   "stroke=\"#333333\"/>\n",
                   x - 5, y - 5, color);
        break;
    case SVG_DIAMOND:
        buf_printf(out,
                   "<path d=\"M %.1f %.1f L %.1f %.1f L %.1f %.1f L %.1f %.1f Z\" "
                   "fill=\"%s\" stroke=\"#333333\"/>\n",
                   x, y - 7, x + 7, y, x, y + 7, x - 7, y, color);
        break;
    default:
        buf_printf(out,
                   "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"6\" fill=\"%s\" "
                   "stroke=\"#333333\"/>\n",
                   x, y, color);
    }
}

/* The marks at their points, and a legend of them in the lower left corner. */
static void marks_and_legend(buf *out, const frame *f, const svg_mark *marks, size_t n)
{
    size_t ncolors = sizeof mark_colors / sizeof *mark_colors;
    for (size_t i = n; i-- > 0;) /* the first mark on top */
        if (!isnan(marks[i].x) && !isnan(marks[i].y) && marks[i].y >= f->y_min)
            shape(out, marks[i].shape, px(f, marks[i].x), py(f, marks[i].y),
                  mark_colors[i % ncolors]);
    double lx = LEFT + 14, ly = BOTTOM - 14 - 20.0 * (double)(n ? n - 1 : 0);
    buf_printf(out,
               "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#ffffff\" "
               "fill-opacity=\"0.9\" stroke=\"#bbbbbb\"/>\n",
               lx - 8, ly - 14, 420.0, 20.0 * (double)n + 6);
    for (size_t i = 0; i < n; i++) {
        double y = ly + 20.0 * (double)i;
        shape(out, marks[i].shape, lx + 4, y - 4, mark_colors[i % ncolors]);
        text(out, lx + 18, y, "start", 12, NULL, marks[i].label);
    }
}

void svg_pr_curve(buf *out, const char *title, const char *subtitle, const double *recall,
                  const double *precision, size_t n, double y_min, const svg_mark *marks,
                  size_t n_marks, double target_y)
{
    frame f = {0.0, 1.0, y_min, 1.0};
    double y_step = 1.0 - y_min > 0.5 ? 0.1 : 1.0 - y_min > 0.25 ? 0.05 : 0.02;
    char label[64];
    begin(out, title, subtitle);
    axes(out, &f, 0.1, y_step, "recall", "precision");
    if (target_y >= y_min && target_y <= 1.0) {
        buf_printf(out,
                   "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#27ae60\" "
                   "stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\n",
                   LEFT, py(&f, target_y), RIGHT, py(&f, target_y));
        snprintf(label, sizeof label, "target precision %.2f", target_y);
        text(out, LEFT + 8, py(&f, target_y) - 6, "start", 12, " fill=\"#27ae60\"", label);
    }
    buf_puts(out, "<polyline fill=\"none\" stroke=\"" CURVE_COLOR
                  "\" stroke-width=\"2\" stroke-linejoin=\"round\" points=\"");
    size_t drawn = 0;
    for (size_t i = 0; i < n; i++) {
        if (isnan(recall[i]) || isnan(precision[i]) || precision[i] < y_min)
            continue;
        buf_printf(out, "%s%.1f,%.1f", drawn++ ? " " : "", px(&f, recall[i]),
                   py(&f, precision[i]));
    }
    buf_puts(out, "\"/>\n");
    marks_and_legend(out, &f, marks, n_marks);
    end(out);
}
