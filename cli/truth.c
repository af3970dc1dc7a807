/* SPDX-License-Identifier: MIT */
#include "truth.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "record-fill.h"

enum { SLOT_PERSON, SLOT_ACCOUNT, SLOT_RECIPE, SLOT_NAME_OP, SLOT_EXPECT };

/* The field ids are not used: truth rows never become l2a records. */
static const column_def truth_columns[] = {
    [SLOT_PERSON] = {"person_id", "b2b.personKey.sourceKey", 0, false},
    [SLOT_ACCOUNT] = {"account_id", "b2b.accountKey.sourceKey", 0, false},
    [SLOT_RECIPE] = {"recipe", NULL, 0, false},
    [SLOT_NAME_OP] = {"name_op", NULL, 0, false},
    [SLOT_EXPECT] = {"expect", NULL, 0, false},
};

static const column_schema truth_schema = {
    "truth", truth_columns, sizeof truth_columns / sizeof *truth_columns, SLOT_PERSON};

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The value of a slot without surrounding blanks, as a new string. */
static char *trimmed_copy(const table_row *row, size_t slot)
{
    size_t len;
    const char *v = table_row_value(row, slot, &len);
    while (len && is_blank(*v)) {
        v++;
        len--;
    }
    while (len && is_blank(v[len - 1]))
        len--;
    char *s = xmalloc(len + 1);
    memcpy(s, v, len);
    s[len] = '\0';
    return s;
}

static size_t home_slot(const truth_table *t, const char *id, size_t len)
{
    return (size_t)XXH3_64bits(id, len) & (t->capacity - 1);
}

const truth_entry *truth_find(const truth_table *t, const char *person_id, size_t len)
{
    if (!t->capacity)
        return NULL;
    for (size_t s = home_slot(t, person_id, len);; s = (s + 1) & (t->capacity - 1)) {
        size_t r = t->slots[s];
        if (r == SIZE_MAX)
            return NULL;
        const char *id = t->rows[r].person_id;
        if (strlen(id) == len && memcmp(id, person_id, len) == 0)
            return &t->rows[r];
    }
}

/* Index every row; false (with the repeated id in err) on a duplicate. */
static bool build_index(truth_table *t, buf *err, const char *path)
{
    t->capacity = 16;
    while (t->capacity < 2 * t->count)
        t->capacity *= 2;
    t->slots = xmalloc(t->capacity * sizeof *t->slots);
    for (size_t s = 0; s < t->capacity; s++)
        t->slots[s] = SIZE_MAX;
    for (size_t r = 0; r < t->count; r++) {
        const char *id = t->rows[r].person_id;
        size_t len = strlen(id);
        size_t s = home_slot(t, id, len);
        for (; t->slots[s] != SIZE_MAX; s = (s + 1) & (t->capacity - 1)) {
            if (strcmp(t->rows[t->slots[s]].person_id, id) == 0) {
                buf_printf(err, "%s: person_id %s is listed twice", path, id);
                return false;
            }
        }
        t->slots[s] = r;
    }
    return true;
}

int truth_load(truth_table *t, const char *path, table_format forced, buf *err)
{
    memset(t, 0, sizeof *t);
    table_reader *reader;
    int rc = table_reader_open(&reader, path, forced, FORMAT_AUTO, &truth_schema, err);
    if (rc != 0)
        return rc;
    table_row row = {0};
    size_t cap = 0;
    int got;
    while ((got = table_reader_next(reader, &row, err)) > 0) {
        if (row.reject.len) {
            buf_printf(err, "%s:%llu: %s", path, (unsigned long long)row.line,
                       buf_str(&row.reject));
            rc = CLI_EXIT_INPUT;
            break;
        }
        if (!row_has_id(&truth_schema, &row)) {
            buf_printf(err, "%s:%llu: empty person_id", path, (unsigned long long)row.line);
            rc = CLI_EXIT_INPUT;
            break;
        }
        if (t->count == cap) {
            cap = cap ? 2 * cap : 1024;
            t->rows = xrealloc(t->rows, cap * sizeof *t->rows);
        }
        truth_entry *e = &t->rows[t->count++];
        e->person_id = trimmed_copy(&row, SLOT_PERSON);
        e->account_id = trimmed_copy(&row, SLOT_ACCOUNT);
        e->recipe = trimmed_copy(&row, SLOT_RECIPE);
        e->name_op = trimmed_copy(&row, SLOT_NAME_OP);
        e->expect = trimmed_copy(&row, SLOT_EXPECT);
        t->has_recipe |= row.present[SLOT_RECIPE];
        t->has_name_op |= row.present[SLOT_NAME_OP];
    }
    if (rc == 0 && got < 0)
        rc = CLI_EXIT_INPUT;
    table_row_free(&row);
    table_reader_close(reader);
    if (rc == 0 && !build_index(t, err, path))
        rc = CLI_EXIT_INPUT;
    if (rc != 0)
        truth_free(t);
    return rc;
}

void truth_free(truth_table *t)
{
    for (size_t i = 0; i < t->count; i++) {
        truth_entry *e = &t->rows[i];
        free(e->person_id);
        free(e->account_id);
        free(e->recipe);
        free(e->name_op);
        free(e->expect);
    }
    free(t->rows);
    free(t->slots);
    memset(t, 0, sizeof *t);
}
