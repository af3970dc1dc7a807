/* SPDX-License-Identifier: MIT */
/* From a table row to an l2a_record. */
#ifndef L2A_CLI_RECORD_FILL_H
#define L2A_CLI_RECORD_FILL_H

#include "l2a.h"
#include "table.h"

/* True when the row's id column holds something other than blanks. */
bool row_has_id(const column_schema *schema, const table_row *row);

/* Fill REC (cleared first) from ROW. Multi-valued columns are split on '|'.
 * Returns L2A_OK, or the l2a error with a reason for the reject file
 * appended to REASON (L2A_ERR_NOMEM is the caller's to treat as fatal). */
int record_fill(l2a_record *rec, const column_schema *schema, const table_row *row, buf *reason);

#endif
