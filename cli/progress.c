/* SPDX-License-Identifier: MIT */
#include "progress.h"

#include <stdio.h>
#include <unistd.h>

#include "util.h"

#define REDRAW_SECONDS 0.25

void progress_begin(progress *p, const char *what, int64_t total_bytes, bool quiet)
{
    p->enabled = !quiet && isatty(STDERR_FILENO);
    p->what = what;
    p->total_bytes = total_bytes;
    p->start = p->last_draw = monotonic_seconds();
    p->drawn = false;
}

static void format_duration(double seconds, char *out, size_t cap)
{
    unsigned long s = (unsigned long)(seconds + 0.5);
    if (s >= 3600)
        snprintf(out, cap, "%lu:%02lu:%02lu", s / 3600, s / 60 % 60, s % 60);
    else
        snprintf(out, cap, "%lu:%02lu", s / 60, s % 60);
}

void progress_update(progress *p, uint64_t rows, uint64_t bytes_read)
{
    if (!p->enabled)
        return;
    double now = monotonic_seconds();
    if (now - p->last_draw < REDRAW_SECONDS)
        return;
    p->last_draw = now;
    double elapsed = now - p->start;
    double rate = elapsed > 0 ? (double)rows / elapsed : 0;
    fprintf(stderr, "\r\033[K%s: %llu rows, %.0f rows/s", p->what, (unsigned long long)rows,
            rate);
    if (p->total_bytes > 0 && bytes_read > 0) {
        double done = (double)bytes_read / (double)p->total_bytes;
        char eta[32];
        format_duration(elapsed * (1.0 - done) / done, eta, sizeof eta);
        fprintf(stderr, ", %.0f%%, ETA %s", done * 100.0, eta);
    }
    fflush(stderr);
    p->drawn = true;
}

void progress_end(progress *p)
{
    if (p->enabled && p->drawn)
        fputs("\r\033[K", stderr);
    p->drawn = false;
}
