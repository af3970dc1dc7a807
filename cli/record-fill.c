/* SPDX-License-Identifier: MIT */
#include "record-fill.h"

#include <string.h>

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool row_has_id(const column_schema *schema, const table_row *row)
{
    size_t len;
    const char *id = table_row_value(row, schema->id_slot, &len);
    for (size_t i = 0; i < len; i++)
        if (!is_blank(id[i]))
            return true;
    return false;
}

static void explain_failure(int rc, const l2a_record *rec, const column_def *col, buf *reason)
{
    switch (rc) {
    case L2A_ERR_INVALID_UTF8:
        buf_printf(reason, "invalid UTF-8 in column %s", col->name);
        break;
    case L2A_ERR_TOO_LONG:
        buf_printf(reason, "column %s is longer than %d bytes", col->name, L2A_FIELD_MAX_BYTES);
        break;
    default: {
        const char *msg = l2a_record_errmsg(rec);
        buf_printf(reason, "column %s: %s", col->name, *msg ? msg : l2a_strerror(rc));
    }
    }
}

static int add_each_value(l2a_record *rec, int field, const char *s, size_t len)
{
    size_t start = 0;
    while (start <= len) {
        const char *bar = memchr(s + start, '|', len - start);
        size_t end = bar ? (size_t)(bar - s) : len;
        size_t a = start, b = end;
        while (a < b && is_blank(s[a]))
            a++;
        while (b > a && is_blank(s[b - 1]))
            b--;
        if (b > a) {
            int rc = l2a_record_add(rec, field, s + a, b - a);
            if (rc != L2A_OK)
                return rc;
        }
        start = end + 1;
    }
    return L2A_OK;
}

int record_fill(l2a_record *rec, const column_schema *schema, const table_row *row, buf *reason)
{
    l2a_record_clear(rec);
    for (size_t slot = 0; slot < schema->count; slot++) {
        if (!row->present[slot] || row->len[slot] == 0)
            continue;
        const column_def *col = &schema->columns[slot];
        size_t len;
        const char *value = table_row_value(row, slot, &len);
        int rc = col->multi ? add_each_value(rec, col->field, value, len)
                            : l2a_record_set(rec, col->field, value, len);
        if (rc != L2A_OK) {
            explain_failure(rc, rec, col, reason);
            return rc;
        }
    }
    return L2A_OK;
}
