/* SPDX-License-Identifier: MIT */
/* A one-line progress report on stderr, only when stderr is a terminal. */
#ifndef L2A_CLI_PROGRESS_H
#define L2A_CLI_PROGRESS_H

#include <stdbool.h>
#include <stdint.h>

typedef struct progress {
    bool enabled;
    const char *what;    /* "accounts", "persons" */
    int64_t total_bytes; /* size of the input, -1 when unknown */
    double start, last_draw;
    bool drawn;
} progress;

/* Disabled when QUIET or when stderr is not a terminal. */
void progress_begin(progress *p, const char *what, int64_t total_bytes, bool quiet);
/* Redraw at most a few times a second: rows/s and, with a known input size,
 * the share read and an ETA from bytes read. */
void progress_update(progress *p, uint64_t rows, uint64_t bytes_read);
/* Clear the line. */
void progress_end(progress *p);

#endif
