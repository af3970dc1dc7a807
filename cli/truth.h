/* SPDX-License-Identifier: MIT */
/* The truth table of a labelled lead set: for each person the right account
 * (empty when no account is right) and, optionally, the category the lead
 * belongs to. Read through the CLI's table reader, so CSV and JSON Lines
 * both work:
 *
 *   person_id,account_id,recipe,name_op,expect
 *
 * `recipe` and `name_op` are free-form category labels used for per-category
 * tables; `expect` is "skipped" for account persons and "anonymous" for
 * records with no usable field (such persons are not scored). */
#ifndef L2A_CLI_TRUTH_H
#define L2A_CLI_TRUTH_H

#include <stdbool.h>
#include <stddef.h>

#include "table.h"

typedef struct truth_entry {
    char *person_id;
    char *account_id; /* "" when no account is right */
    char *recipe;     /* "" when absent */
    char *name_op;    /* "" when absent */
    char *expect;     /* "" when absent */
} truth_entry;

typedef struct truth_table {
    truth_entry *rows; /* in file order */
    size_t count;
    size_t *slots;     /* open addressing over rows, SIZE_MAX when empty */
    size_t capacity;   /* a power of two */
    bool has_recipe;   /* some row has a recipe column */
    bool has_name_op;
} truth_table;

/* Read PATH. Returns 0, or CLI_EXIT_INPUT with a message in err (unreadable
 * file, no person_id column, a malformed row, a repeated person_id). */
int truth_load(truth_table *t, const char *path, table_format forced, buf *err);
/* The entry of a person, or NULL. */
const truth_entry *truth_find(const truth_table *t, const char *person_id, size_t len);
void truth_free(truth_table *t);

#endif
