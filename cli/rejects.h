/* SPDX-License-Identifier: MIT */
/* The reject file: every input row that could not be used, with where it
 * came from, why, and its raw text (CSV: source,line,reason,raw). */
#ifndef L2A_CLI_REJECTS_H
#define L2A_CLI_REJECTS_H

#include <stdbool.h>
#include <stdint.h>

#include "atomic-file.h"

typedef struct rejects {
    char *path;
    bool always;  /* write the file even when nothing is rejected */
    atomic_file file;
    uint64_t count;
    buf line;
} rejects;

/* The default reject file of an output: OUT.rejects.csv beside it (a .csv,
 * .jsonl or .ndjson suffix replaced), or l2a-rejects.csv in the current
 * folder when the output is standard output. Free the result. */
/* True for standard output and for devices and pipes. */
bool output_is_stream(const char *output_path);

char *rejects_default_path(const char *output_path);

/* ALWAYS: create the file (header only) even when nothing is rejected;
 * otherwise it is created at the first reject. */
bool rejects_open(rejects *r, const char *path, bool always, buf *err);
bool rejects_add(rejects *r, const char *source, uint64_t line, const char *reason,
                 const char *raw, size_t raw_len, buf *err);
/* Rename the file into place (when there is one). */
bool rejects_commit(rejects *r, buf *err);
void rejects_abort(rejects *r);
/* Whether a file was (or will be) written. */
bool rejects_has_file(const rejects *r);

#endif
