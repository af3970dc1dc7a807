/* SPDX-License-Identifier: MIT */
/* The input columns of the two tables, their XDM aliases and the mapping of
 * a header (or a JSON key) to the l2a field it feeds. */
#ifndef L2A_CLI_COLUMNS_H
#define L2A_CLI_COLUMNS_H

#include <stdbool.h>
#include <stddef.h>

#define COLUMN_MAX_SLOTS 16

typedef struct column_def {
    const char *name;  /* the contract name, e.g. "person_id" */
    const char *alias; /* the XDM name accepted as well, or NULL */
    int field;         /* the l2a_field it fills */
    bool multi;        /* multi-valued: '|'-separated or a JSON array */
} column_def;

typedef struct column_schema {
    const char *table;        /* "accounts" or "persons", for messages */
    const column_def *columns;
    size_t count;
    size_t id_slot;           /* the required id column */
} column_schema;

extern const column_schema accounts_schema;
extern const column_schema persons_schema;

/* The slot of a column name (contract name or alias, ASCII case-insensitive,
 * surrounding blanks ignored), or -1 for a column this table does not use. */
int column_slot(const column_schema *schema, const char *name, size_t len);

/* How the fields of a CSV header map to slots. */
typedef struct column_map {
    size_t field_count;  /* fields in the header */
    int *slot_of_field;  /* per header field: its slot or -1 */
} column_map;

/* Build the map of a header. A column named twice (or by name and alias)
 * keeps its first occurrence; later ones are ignored with a warning. */
void column_map_init(column_map *map, const column_schema *schema, const char *const *names,
                     const size_t *lens, size_t count, const char *source);
bool column_map_has_slot(const column_map *map, size_t slot);
void column_map_free(column_map *map);

#endif
