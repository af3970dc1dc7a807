/* SPDX-License-Identifier: MIT */
/*
 * A small RFC 4180 reader for tests that load the shared data sets
 * (quoted fields, doubled quotes, quoted newlines, CRLF). The l2a CLI has
 * the real, streaming reader; this one keeps tests independent of it.
 */
#ifndef L2A_CSV_LITE_H
#define L2A_CSV_LITE_H

#include <stddef.h>
#include <stdio.h>

typedef struct csv_lite {
    FILE *f;
    char *buf;       /* the fields of the current row, NUL-separated */
    size_t cap;
    char **fields;
    size_t n_fields, cap_fields;
    char **header;   /* copy of the first row */
    size_t n_header;
} csv_lite;

/* Opens a file and reads its header; 0 on success. */
int csv_lite_open(csv_lite *c, const char *path);
void csv_lite_close(csv_lite *c);
/* Reads the next row; 1 when a row was read, 0 at the end. */
int csv_lite_next(csv_lite *c);
/* Column index of a header name, or -1. */
int csv_lite_column(const csv_lite *c, const char *name);
/* Field i of the current row, "" when the row is short or i < 0. */
const char *csv_lite_field(const csv_lite *c, int i);

#endif
