/* SPDX-License-Identifier: MIT */
/* The match output: one CSV line or JSON object per written person. */
#ifndef L2A_CLI_WRITER_H
#define L2A_CLI_WRITER_H

#include <stdbool.h>

#include "l2a.h"
#include "table.h"

#define RELATIONSHIP_SOURCE "lead-to-account-matching"
#define REASONS_SHOWN 3

typedef struct output_options {
    table_format format;
    bool all;     /* every person, not only the matched ones */
    bool explain; /* runner-up and reasons columns */
} output_options;

/* The header line (CSV only; JSON Lines has none). */
void output_header(const output_options *o, buf *out);
/* Whether a result of this status gets an output row. */
bool output_wants(const output_options *o, int status);
/* One output row for the person just matched into RES. */
void output_result(const output_options *o, const char *person_id, size_t id_len,
                   const l2a_result *res, buf *out);
/*
 * With --all, the row of a person that was rejected (its line is in the
 * reject file): status "rejected", nothing else known. Only for rows whose
 * person_id could be read.
 */
void output_rejected(const output_options *o, const char *person_id, size_t id_len, buf *out);
/* A field quoted per RFC 4180 when it needs to be. */
void csv_append_field(buf *out, const char *s, size_t len);
/* "feature:+1.23;feature:-0.40", the most influential reasons first. */
void format_reasons(const l2a_result *res, size_t max, buf *out);

#endif
