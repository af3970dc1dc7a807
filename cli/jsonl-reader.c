/* SPDX-License-Identifier: MIT */
/* JSON Lines back end: one JSON object per line, read with jansson.
 *
 * Keys are the CSV column names (or their XDM aliases). Nested objects are
 * flattened into dotted paths, so {"b2b": {"personKey": {"sourceKey": 1}}}
 * is read like the key "b2b.personKey.sourceKey". Multi-valued columns take
 * a JSON array or a '|'-joined string. */
#include "table-private.h"

#include <jansson.h>
#include <string.h>

static bool is_blank_line(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return false;
    return true;
}

/* Appends the text of a scalar. Returns false for values that are not text,
 * numbers or null; *is_null tells null apart. */
static bool append_scalar(buf *out, const json_t *v, bool *is_null)
{
    *is_null = false;
    switch (json_typeof(v)) {
    case JSON_STRING:
        buf_append(out, json_string_value(v), json_string_length(v));
        return true;
    case JSON_INTEGER:
        buf_printf(out, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        return true;
    case JSON_REAL:
        buf_printf(out, "%.17g", json_real_value(v));
        return true;
    case JSON_NULL:
        *is_null = true;
        return true;
    default:
        return false;
    }
}

static bool append_array(buf *out, const json_t *array, bool multi, const char *column,
                         table_row *row)
{
    size_t i, values = 0;
    const json_t *item;
    json_array_foreach(array, i, item) {
        size_t mark = out->len;
        if (values)
            buf_putc(out, '|');
        bool is_null;
        if (!append_scalar(out, item, &is_null)) {
            table_row_reject(row, "column %s: array items must be strings or numbers", column);
            return false;
        }
        if (is_null) {
            out->len = mark;
            continue;
        }
        values++;
    }
    if (!multi && values > 1) {
        table_row_reject(row, "column %s holds one value, not an array of %zu", column, values);
        return false;
    }
    return true;
}

static bool map_value(table_reader *r, table_row *row, size_t slot, const json_t *value)
{
    const column_def *col = &r->schema->columns[slot];
    buf text = {0};
    bool ok = true, is_null = false;
    if (json_is_array(value))
        ok = append_array(&text, value, col->multi, col->name, row);
    else if (!append_scalar(&text, value, &is_null)) {
        table_row_reject(row, "column %s: a %s is not a valid value", col->name,
                         json_is_boolean(value) ? "boolean" : "JSON value of this type");
        ok = false;
    }
    if (ok && !is_null)
        table_row_set_value(row, slot, buf_str(&text), text.len);
    buf_free(&text);
    return ok;
}

static bool map_object(table_reader *r, table_row *row, const json_t *object)
{
    size_t prefix_len = r->key.len;
    const char *key;
    size_t key_len;
    const json_t *value;
    bool ok = true;
    json_object_keylen_foreach((json_t *)object, key, key_len, value) {
        r->key.len = prefix_len;
        buf_append(&r->key, key, key_len);
        if (json_is_object(value)) {
            buf_putc(&r->key, '.');
            ok = map_object(r, row, value);
        } else {
            int slot = column_slot(r->schema, r->key.data, r->key.len);
            /* A column given twice (name and alias): the first one wins. */
            if (slot >= 0 && !row->present[slot])
                ok = map_value(r, row, (size_t)slot, value);
        }
        if (!ok)
            break;
    }
    r->key.len = prefix_len;
    return ok;
}

static void parse_line(table_reader *r, table_row *row, const char *line, size_t len)
{
    json_error_t e;
    json_t *doc = json_loadb(line, len, JSON_REJECT_DUPLICATES, &e);
    if (!doc) {
        if (json_error_code(&e) == json_error_invalid_utf8)
            table_row_reject(row, "invalid UTF-8");
        else
            table_row_reject(row, "invalid JSON at column %d: %s", e.column, e.text);
        return;
    }
    if (!json_is_object(doc)) {
        table_row_reject(row, "not a JSON object");
    } else {
        buf_clear(&r->key);
        if (!map_object(r, row, doc))
            memset(row->present, 0, sizeof row->present);
    }
    json_decref(doc);
}

int jsonl_reader_next(table_reader *r, table_row *row, buf *err)
{
    for (;;) {
        const char *line;
        size_t len;
        int got = line_reader_next(&r->lines, &line, &len);
        if (got < 0) {
            buf_printf(err, "%s: read error: %s", r->name, strerror(r->lines.error));
            return -1;
        }
        if (got == 0)
            return 0;
        if (is_blank_line(line, len))
            continue;
        row->line = r->lines.line_no;
        buf_append(&row->raw, line, len);
        parse_line(r, row, line, len);
        return 1;
    }
}

void jsonl_reader_stop(table_reader *r)
{
    buf_free(&r->key);
}
