/* SPDX-License-Identifier: MIT */
/* Physical lines of an input file: numbered, CRLF and a leading UTF-8 BOM
 * removed, with the possibility to push lines back for re-reading. */
#ifndef L2A_CLI_LINE_READER_H
#define L2A_CLI_LINE_READER_H

#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "util.h"

typedef struct line_reader {
    FILE *fp;
    char *line;
    size_t line_cap;
    uint64_t line_no;    /* number of the line last returned */
    uint64_t bytes_read; /* from the file, pushed-back lines not counted twice */
    buf replay;          /* pushed-back lines, each ending in '\n' */
    size_t replay_pos;
    int error;           /* errno of a failed read, 0 otherwise */
} line_reader;

void line_reader_init(line_reader *lr, FILE *fp);
/* 1 with the line (no line break) in *line / *len, 0 at the end, -1 on error. */
int line_reader_next(line_reader *lr, const char **line, size_t *len);
/* Make DATA (whole lines, each ending in '\n') the next lines to read, the
 * first of them numbered FIRST_LINE_NO. Only lines already read may be
 * pushed back, so numbering continues correctly afterwards. */
void line_reader_push_back(line_reader *lr, const char *data, size_t len, uint64_t first_line_no);
void line_reader_free(line_reader *lr);

#endif
