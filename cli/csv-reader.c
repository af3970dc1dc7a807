/* SPDX-License-Identifier: MIT */
/* CSV back end: RFC 4180 through libcsv in strict mode.
 *
 * libcsv is fed one physical line at a time so that every record keeps the
 * number of the line it starts on and its raw text, which a reject needs.
 * Only '\n' ends a record (a CRLF's '\r' is dropped by the line reader) and
 * blanks are data, as RFC 4180 says. */
#include "table-private.h"

#include <stdlib.h>
#include <string.h>

enum record_outcome { RECORD_READ, RECORD_END, RECORD_READ_ERROR, RECORD_REJECTED };

static int only_newline_ends_records(unsigned char c)
{
    return c == '\n';
}

static int blanks_are_data(unsigned char c)
{
    (void)c;
    return 0;
}

static void parser_reset(table_reader *r)
{
    if (r->parser_ready)
        csv_free(&r->parser);
    if (csv_init(&r->parser, CSV_STRICT | CSV_STRICT_FINI) != 0)
        cli_out_of_memory();
    csv_set_term_func(&r->parser, only_newline_ends_records);
    csv_set_space_func(&r->parser, blanks_are_data);
    /* libcsv grows its field buffer linearly: big steps keep huge fields cheap. */
    csv_set_blk_size(&r->parser, (size_t)64 << 10);
    r->parser_ready = true;
}

static void on_field(void *s, size_t len, void *data)
{
    table_reader *r = data;
    if (r->field_count == r->field_cap) {
        r->field_cap = r->field_cap ? 2 * r->field_cap : 32;
        r->field_off = xrealloc(r->field_off, r->field_cap * sizeof *r->field_off);
        r->field_len = xrealloc(r->field_len, r->field_cap * sizeof *r->field_len);
    }
    r->field_off[r->field_count] = r->fields.len;
    r->field_len[r->field_count] = len;
    buf_append(&r->fields, s, len);
    buf_putc(&r->fields, '\0');
    r->field_count++;
}

static void on_row(int c, void *data)
{
    (void)c;
    ((table_reader *)data)->row_done = true;
}

/* Feed one physical line and the newline that the line reader removed. */
static bool parse_line(table_reader *r, const char *line, size_t len)
{
    struct csv_parser *p = &r->parser;
    if (csv_parse(p, line, len, on_field, on_row, r) == len &&
        csv_parse(p, "\n", 1, on_field, on_row, r) == 1)
        return true;
    if (csv_error(p) == CSV_ENOMEM || csv_error(p) == CSV_ETOOBIG)
        cli_out_of_memory();
    return false;
}

/* The record cannot end where it started (a quote that is never closed):
 * reject only its first line and read the following lines again. */
static void reject_first_line_and_resume(table_reader *r, table_row *row)
{
    const char *nl = memchr(row->raw.data, '\n', row->raw.len);
    if (nl) {
        size_t first = (size_t)(nl - row->raw.data);
        buf rest = {0};
        buf_append(&rest, nl + 1, row->raw.len - first - 1);
        buf_putc(&rest, '\n');
        line_reader_push_back(&r->lines, rest.data, rest.len, row->line + 1);
        buf_free(&rest);
        row->raw.len = first;
        row->raw.data[first] = '\0';
    }
    parser_reset(r);
}

static enum record_outcome read_record(table_reader *r, table_row *row, buf *err)
{
    r->field_count = 0;
    r->row_done = false;
    buf_clear(&r->fields);
    bool started = false;
    for (;;) {
        const char *line;
        size_t len;
        int got = line_reader_next(&r->lines, &line, &len);
        if (got < 0) {
            buf_printf(err, "%s: read error: %s", r->name, strerror(r->lines.error));
            return RECORD_READ_ERROR;
        }
        if (got == 0) {
            if (!started)
                return RECORD_END;
            table_row_reject(row, "unterminated quoted field: no closing quote before the "
                                  "end of the input");
            reject_first_line_and_resume(r, row);
            return RECORD_REJECTED;
        }
        if (!started && len == 0)
            continue; /* blank lines between records are not rows */
        if (!started) {
            started = true;
            row->line = r->lines.line_no;
        } else {
            buf_putc(&row->raw, '\n');
        }
        buf_append(&row->raw, line, len);
        if (!parse_line(r, line, len)) {
            table_row_reject(row, "malformed CSV: a quote inside an unquoted field or text "
                                  "after a closing quote");
            parser_reset(r);
            return RECORD_REJECTED;
        }
        if (r->row_done)
            return RECORD_READ;
        if (row->raw.len > TABLE_MAX_RECORD_BYTES) {
            table_row_reject(row, "record longer than %zu MiB: unterminated quoted field?",
                             TABLE_MAX_RECORD_BYTES >> 20);
            reject_first_line_and_resume(r, row);
            return RECORD_REJECTED;
        }
    }
}

static void describe_required(const column_schema *s, buf *err)
{
    const column_def *id = &s->columns[s->id_slot];
    buf_printf(err, "no %s column", id->name);
    if (id->alias)
        buf_printf(err, " (nor %s)", id->alias);
}

int csv_reader_start(table_reader *r, buf *err)
{
    parser_reset(r);
    table_row header = {0};
    enum record_outcome got = read_record(r, &header, err);
    int rc = 0;
    if (got == RECORD_READ_ERROR) {
        rc = CLI_EXIT_INPUT;
    } else if (got == RECORD_END) {
        buf_printf(err, "%s: empty file: no header row, ", r->name);
        describe_required(r->schema, err);
        rc = CLI_EXIT_INPUT;
    } else if (got == RECORD_REJECTED) {
        buf_printf(err, "%s:%llu: malformed header: %s", r->name,
                   (unsigned long long)header.line, buf_str(&header.reject));
        rc = CLI_EXIT_INPUT;
    } else {
        const char **names = xcalloc(r->field_count, sizeof *names);
        for (size_t i = 0; i < r->field_count; i++)
            names[i] = r->fields.data + r->field_off[i];
        column_map_init(&r->map, r->schema, names, r->field_len, r->field_count, r->name);
        free(names);
        if (!column_map_has_slot(&r->map, r->schema->id_slot)) {
            buf_printf(err, "%s: ", r->name);
            describe_required(r->schema, err);
            buf_printf(err, " in the header");
            rc = CLI_EXIT_INPUT;
        }
    }
    table_row_free(&header);
    return rc;
}

int csv_reader_next(table_reader *r, table_row *row, buf *err)
{
    switch (read_record(r, row, err)) {
    case RECORD_END:
        return 0;
    case RECORD_READ_ERROR:
        return -1;
    case RECORD_REJECTED:
        return 1;
    case RECORD_READ:
        break;
    }
    if (r->field_count != r->map.field_count) {
        table_row_reject(row, "expected %zu fields as in the header, found %zu",
                         r->map.field_count, r->field_count);
        return 1;
    }
    for (size_t i = 0; i < r->field_count; i++) {
        int slot = r->map.slot_of_field[i];
        if (slot >= 0)
            table_row_set_value(row, (size_t)slot, r->fields.data + r->field_off[i],
                                r->field_len[i]);
    }
    return 1;
}

void csv_reader_stop(table_reader *r)
{
    if (r->parser_ready)
        csv_free(&r->parser);
    r->parser_ready = false;
    column_map_free(&r->map);
    buf_free(&r->fields);
    free(r->field_off);
    free(r->field_len);
    r->field_off = r->field_len = NULL;
}
