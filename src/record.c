/* SPDX-License-Identifier: MIT */
/* Records: field id -> UTF-8 values, validated on the way in. */
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "errors.h"
#include "l2a.h"
#include "utf8.h"

typedef struct field_values {
    l2a_buf *vals; /* buffers are kept across clears so a reused record stops allocating */
    size_t n;
    size_t cap;
} field_values;

struct l2a_record {
    field_values fields[L2A_FIELD_END];
    char errmsg[L2A_ERRMSG_SIZE];
};

static int is_multi_valued(int field)
{
    return field == L2A_FIELD_ALIAS || field == L2A_FIELD_DOMAIN || field == L2A_FIELD_ACCOUNT_IDS;
}

static int is_known_field(int field)
{
    return field > 0 && field < L2A_FIELD_END;
}

L2A_API int l2a_record_new(l2a_record **out)
{
    if (!out)
        return L2A_ERR_INVALID_ARGUMENT;
    *out = l2a_calloc(1, sizeof **out);
    return *out ? L2A_OK : L2A_ERR_NOMEM;
}

L2A_API void l2a_record_free(l2a_record *rec)
{
    int f;
    size_t i;

    if (!rec)
        return;
    for (f = 0; f < L2A_FIELD_END; f++) {
        for (i = 0; i < rec->fields[f].cap; i++)
            l2a_buf_free(&rec->fields[f].vals[i]);
        l2a_free(rec->fields[f].vals);
    }
    l2a_free(rec);
}

L2A_API void l2a_record_clear(l2a_record *rec)
{
    int f;

    if (!rec)
        return;
    for (f = 0; f < L2A_FIELD_END; f++)
        rec->fields[f].n = 0;
    l2a_clear_error(rec->errmsg);
}

/* Checks the arguments and the value; on success *len holds the byte length. */
static int validate_value(l2a_record *rec, int field, const char *utf8, size_t *len)
{
    size_t bad;

    if (!is_known_field(field))
        return l2a_set_error(rec->errmsg, L2A_ERR_INVALID_ARGUMENT, "unknown field id %d", field);
    if (!utf8 && *len != 0 && *len != L2A_NTS)
        return l2a_set_error(rec->errmsg, L2A_ERR_INVALID_ARGUMENT, "%s: NULL value with a non-zero length",
                             l2a_field_name(field));
    if (!utf8)
        *len = 0;
    else if (*len == L2A_NTS)
        *len = strnlen(utf8, (size_t)L2A_FIELD_MAX_BYTES + 1);
    if (*len > L2A_FIELD_MAX_BYTES)
        return l2a_set_error(rec->errmsg, L2A_ERR_TOO_LONG, "%s: value longer than %d bytes",
                             l2a_field_name(field), L2A_FIELD_MAX_BYTES);
    if (l2a_utf8_validate(utf8, *len, &bad) != L2A_OK)
        return l2a_set_error(rec->errmsg, L2A_ERR_INVALID_UTF8,
                             "%s: invalid UTF-8 or NUL byte at offset %zu", l2a_field_name(field), bad);
    return L2A_OK;
}

/* Makes sure value slot `index` exists and can hold len bytes, without touching any value. */
static int reserve_slot(l2a_record *rec, int field, size_t index, size_t len)
{
    field_values *fv = &rec->fields[field];

    if (index >= fv->cap) {
        size_t cap = fv->cap ? fv->cap * 2 : 1;
        l2a_buf *vals = l2a_reallocarray(fv->vals, cap, sizeof *vals);
        size_t i;

        if (!vals)
            return l2a_set_error(rec->errmsg, L2A_ERR_NOMEM, "out of memory");
        for (i = fv->cap; i < cap; i++)
            l2a_buf_init(&vals[i]);
        fv->vals = vals;
        fv->cap = cap;
    }
    if (l2a_buf_reserve(&fv->vals[index], len) != L2A_OK)
        return l2a_set_error(rec->errmsg, L2A_ERR_NOMEM, "out of memory");
    return L2A_OK;
}

/* Stores a value in slot `index` (reserved first, so this cannot fail halfway). */
static int store_value(l2a_record *rec, int field, size_t index, const char *utf8, size_t len)
{
    field_values *fv = &rec->fields[field];
    int rc = reserve_slot(rec, field, index, len);

    if (rc)
        return rc;
    l2a_buf_set(&fv->vals[index], utf8, len);
    fv->n = index + 1;
    return L2A_OK;
}

L2A_API int l2a_record_set(l2a_record *rec, int field, const char *utf8, size_t len)
{
    int rc;

    if (!rec)
        return L2A_ERR_INVALID_ARGUMENT;
    l2a_clear_error(rec->errmsg);
    rc = validate_value(rec, field, utf8, &len);
    if (rc)
        return rc;
    if (len == 0) {
        rec->fields[field].n = 0;
        return L2A_OK;
    }
    return store_value(rec, field, 0, utf8, len);
}

L2A_API int l2a_record_add(l2a_record *rec, int field, const char *utf8, size_t len)
{
    int rc;

    if (!rec)
        return L2A_ERR_INVALID_ARGUMENT;
    l2a_clear_error(rec->errmsg);
    rc = validate_value(rec, field, utf8, &len);
    if (rc)
        return rc;
    if (!is_multi_valued(field))
        return l2a_set_error(rec->errmsg, L2A_ERR_SINGLE_VALUED, "%s holds a single value; use l2a_record_set",
                             l2a_field_name(field));
    if (len == 0)
        return L2A_OK;
    return store_value(rec, field, rec->fields[field].n, utf8, len);
}

L2A_API size_t l2a_record_count(const l2a_record *rec, int field)
{
    if (!rec || !is_known_field(field))
        return 0;
    return rec->fields[field].n;
}

L2A_API const char *l2a_record_get(const l2a_record *rec, int field, size_t index, size_t *len_out)
{
    const l2a_buf *b;

    if (len_out)
        *len_out = 0;
    if (!rec || !is_known_field(field) || index >= rec->fields[field].n)
        return NULL;
    b = &rec->fields[field].vals[index];
    if (len_out)
        *len_out = b->len;
    return l2a_buf_str(b);
}

L2A_API const char *l2a_record_errmsg(const l2a_record *rec)
{
    return rec ? rec->errmsg : "";
}
