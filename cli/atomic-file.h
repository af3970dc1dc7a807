/* SPDX-License-Identifier: MIT */
/* Output files that appear whole or not at all: written to a temporary file
 * beside the destination and renamed into place on commit. Temporary files
 * are removed on abort, at exit and on SIGINT / SIGTERM / SIGHUP. */
#ifndef L2A_CLI_ATOMIC_FILE_H
#define L2A_CLI_ATOMIC_FILE_H

#include <stdbool.h>
#include <stdio.h>

#include "util.h"

typedef struct atomic_file {
    FILE *fp;          /* NULL when not open */
    char *final_path;  /* NULL when writing to standard output */
    char *tmp_path;
    int slot;          /* in the cleanup registry, -1 when none */
    int write_errno;   /* first write error, 0 when none */
    bool direct;       /* a device or pipe (/dev/null, a FIFO): written in place, never replaced */
} atomic_file;

/* Install the signal handlers and the exit handler; call once, early. */
void atomic_files_init(void);

/* Open PATH for writing ("-" is standard output). Returns false with a
 * message in err when the temporary file cannot be created. */
bool atomic_file_open(atomic_file *f, const char *path, buf *err);
bool atomic_file_write(atomic_file *f, const void *data, size_t len);
/* Flush, sync and rename into place. Returns false with a message in err. */
bool atomic_file_commit(atomic_file *f, buf *err);
/* Drop the temporary file; the destination is left as it was. */
void atomic_file_abort(atomic_file *f);
bool atomic_file_is_open(const atomic_file *f);

#endif
