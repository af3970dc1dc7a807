/* SPDX-License-Identifier: MIT */
/* Reading an input table (CSV or JSON Lines) one row at a time.
 *
 * Rows are streamed: only the current record is held in memory. A row the
 * reader cannot use (bad quoting, wrong field count, invalid JSON) is still
 * returned, with a reject reason, so that every input row is accounted for. */
#ifndef L2A_CLI_TABLE_H
#define L2A_CLI_TABLE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "columns.h"
#include "util.h"

typedef enum table_format {
    FORMAT_AUTO = 0,
    FORMAT_CSV,
    FORMAT_JSONL
} table_format;

/* .jsonl and .ndjson are JSON Lines, .csv is CSV; any other name (and "-")
 * has the fallback format, CSV when the fallback is FORMAT_AUTO. */
table_format format_from_path(const char *path, table_format fallback);
/* "csv" / "jsonl" (also "ndjson", "json"); FORMAT_AUTO when unknown. */
table_format format_from_name(const char *name);
/* --format and its kin: -1 when arg names a format (stored), else the usage error's exit code. */
int format_option(const char *command, const char *arg, table_format *out);

/* A record longer than this is refused (its first line is rejected and
 * reading resumes on the next line): it bounds memory on a stray quote. */
#define TABLE_MAX_RECORD_BYTES ((size_t)64 << 20)

typedef struct table_row {
    uint64_t line;   /* physical line (1-based) on which the record starts */
    buf raw;         /* the record as read, without its final line break */
    buf values;      /* the mapped values, each NUL-terminated */
    size_t off[COLUMN_MAX_SLOTS];
    size_t len[COLUMN_MAX_SLOTS];
    bool present[COLUMN_MAX_SLOTS];
    buf reject;      /* non-empty: why the row cannot be used */
} table_row;

void table_row_reset(table_row *row);
void table_row_free(table_row *row);
void table_row_set_value(table_row *row, size_t slot, const char *s, size_t len);
void table_row_reject(table_row *row, const char *fmt, ...) CLI_PRINTF(2, 3);
/* The value of a slot ("" when absent). */
const char *table_row_value(const table_row *row, size_t slot, size_t *len);

typedef struct table_reader table_reader;

/* Open PATH ("-" is standard input) and, for CSV, read its header. FORCED
 * (unless FORMAT_AUTO) is the format whatever the name; otherwise the name
 * tells (see format_from_path) and FALLBACK is for names that do not.
 * Returns 0, or CLI_EXIT_INPUT with a message in err (unreadable file,
 * malformed header, missing required column). */
int table_reader_open(table_reader **out, const char *path, table_format forced,
                      table_format fallback, const column_schema *schema, buf *err);
/* 1: a row (maybe rejected), 0: end of input, -1: read error (message in err). */
int table_reader_next(table_reader *r, table_row *row, buf *err);
/* Bytes consumed so far and the total size (-1 when not a regular file). */
uint64_t table_reader_bytes_read(const table_reader *r);
int64_t table_reader_size(const table_reader *r);
const char *table_reader_name(const table_reader *r);
void table_reader_close(table_reader *r);

#endif
