/* SPDX-License-Identifier: MIT */
#include "table-private.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static bool has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && ascii_equal_nocase(s + n - m, m, suffix);
}

table_format format_from_path(const char *path, table_format fallback)
{
    if (has_suffix(path, ".jsonl") || has_suffix(path, ".ndjson"))
        return FORMAT_JSONL;
    if (has_suffix(path, ".csv"))
        return FORMAT_CSV;
    return fallback == FORMAT_AUTO ? FORMAT_CSV : fallback;
}

table_format format_from_name(const char *name)
{
    size_t n = strlen(name);
    if (ascii_equal_nocase(name, n, "csv"))
        return FORMAT_CSV;
    if (ascii_equal_nocase(name, n, "jsonl") || ascii_equal_nocase(name, n, "ndjson") ||
        ascii_equal_nocase(name, n, "json"))
        return FORMAT_JSONL;
    return FORMAT_AUTO;
}

int format_option(const char *command, const char *arg, table_format *out)
{
    table_format f = format_from_name(arg);

    if (f == FORMAT_AUTO)
        return cli_usage_error(command, "unknown format '%s' (csv or jsonl)", arg);
    *out = f;
    return -1;
}

void table_row_reset(table_row *row)
{
    row->line = 0;
    buf_clear(&row->raw);
    buf_clear(&row->values);
    buf_clear(&row->reject);
    memset(row->present, 0, sizeof row->present);
}

void table_row_free(table_row *row)
{
    buf_free(&row->raw);
    buf_free(&row->values);
    buf_free(&row->reject);
}

void table_row_set_value(table_row *row, size_t slot, const char *s, size_t len)
{
    row->off[slot] = row->values.len;
    row->len[slot] = len;
    row->present[slot] = true;
    buf_append(&row->values, s, len);
    buf_putc(&row->values, '\0');
}

void table_row_reject(table_row *row, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    buf_clear(&row->reject);
    buf_puts(&row->reject, msg);
}

const char *table_row_value(const table_row *row, size_t slot, size_t *len)
{
    if (!row->present[slot]) {
        *len = 0;
        return "";
    }
    *len = row->len[slot];
    return row->values.data + row->off[slot];
}

static FILE *open_input(const char *path, bool *owns)
{
    if (strcmp(path, "-") == 0) {
        *owns = false;
        return stdin;
    }
    *owns = true;
    return fopen(path, "rb");
}

static int64_t regular_file_size(FILE *fp)
{
    struct stat st;
    if (fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode))
        return (int64_t)st.st_size;
    return -1;
}

int table_reader_open(table_reader **out, const char *path, table_format forced,
                      table_format fallback, const column_schema *schema, buf *err)
{
    *out = NULL;
    bool owns;
    FILE *fp = open_input(path, &owns);
    if (!fp) {
        buf_printf(err, "%s: cannot open: %s", path, strerror(errno));
        return CLI_EXIT_INPUT;
    }
    table_reader *r = xcalloc(1, sizeof *r);
    r->format = forced != FORMAT_AUTO ? forced : format_from_path(path, fallback);
    r->schema = schema;
    r->fp = fp;
    r->owns_fp = owns;
    r->name = xstrdup(owns ? path : "<stdin>");
    r->size = regular_file_size(fp);
    line_reader_init(&r->lines, fp);
    if (r->format == FORMAT_CSV) {
        int rc = csv_reader_start(r, err);
        if (rc != 0) {
            table_reader_close(r);
            return rc;
        }
    }
    *out = r;
    return 0;
}

int table_reader_next(table_reader *r, table_row *row, buf *err)
{
    table_row_reset(row);
    return r->format == FORMAT_CSV ? csv_reader_next(r, row, err) : jsonl_reader_next(r, row, err);
}

uint64_t table_reader_bytes_read(const table_reader *r)
{
    return r->lines.bytes_read;
}

int64_t table_reader_size(const table_reader *r)
{
    return r->size;
}

const char *table_reader_name(const table_reader *r)
{
    return r->name;
}

void table_reader_close(table_reader *r)
{
    if (!r)
        return;
    if (r->format == FORMAT_CSV)
        csv_reader_stop(r);
    else
        jsonl_reader_stop(r);
    line_reader_free(&r->lines);
    if (r->owns_fp)
        fclose(r->fp);
    free(r->name);
    free(r);
}
