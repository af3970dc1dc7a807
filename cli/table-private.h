/* SPDX-License-Identifier: MIT */
/* The reader state shared by the CSV and JSON Lines back ends. */
#ifndef L2A_CLI_TABLE_PRIVATE_H
#define L2A_CLI_TABLE_PRIVATE_H

#include <csv.h>

#include "line-reader.h"
#include "table.h"

struct table_reader {
    table_format format;
    const column_schema *schema;
    FILE *fp;
    bool owns_fp;
    char *name;
    int64_t size;
    line_reader lines;

    /* CSV */
    struct csv_parser parser;
    bool parser_ready;
    bool row_done;
    column_map map;
    buf fields; /* the current record's fields, each NUL-terminated */
    size_t *field_off;
    size_t *field_len;
    size_t field_count;
    size_t field_cap;

    /* JSON Lines */
    buf key; /* dotted path of the key being flattened */
};

int csv_reader_start(table_reader *r, buf *err);
int csv_reader_next(table_reader *r, table_row *row, buf *err);
void csv_reader_stop(table_reader *r);

int jsonl_reader_next(table_reader *r, table_row *row, buf *err);
void jsonl_reader_stop(table_reader *r);

#endif
