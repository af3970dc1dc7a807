/* SPDX-License-Identifier: MIT */
/*
 * The snapshot container: a file of tagged, 64-byte-aligned sections behind
 * a versioned header and a section table, with an XXH3 checksum over
 * everything after the header. Written to a temporary file and renamed into
 * place; read through a read-only mmap, so sections can be used in place and
 * many processes share the pages. Knows nothing of what the sections hold.
 */
#ifndef L2A_SNAPSHOT_FILE_H
#define L2A_SNAPSHOT_FILE_H

#include <stddef.h>
#include <stdint.h>

#define L2A_SNAP_MAX_SECTIONS 64
#define L2A_SNAP_ALIGN 64

typedef struct l2a_snap_writer l2a_snap_writer;
typedef struct l2a_snap_reader l2a_snap_reader;

/* Starts a snapshot that will be written to path. L2A_OK, L2A_ERR_IO or L2A_ERR_NOMEM; errmsg says why. */
int l2a_snapw_begin(const char *path, l2a_snap_writer **out, char *errmsg);
/* Adds one section; the bytes are copied out before the call returns. Tags must be unique. */
int l2a_snapw_add(l2a_snap_writer *w, uint32_t tag, const void *data, size_t size, char *errmsg);
/* Writes the table and checksum, syncs, renames into place, frees the writer. */
int l2a_snapw_commit(l2a_snap_writer *w, char *errmsg);
/* Gives up: removes the temporary file and frees the writer. NULL is a no-op. */
void l2a_snapw_abort(l2a_snap_writer *w);

/*
 * Maps a snapshot and checks it: magic, format version, byte order, size,
 * section bounds and alignment, and the checksum. L2A_OK, L2A_ERR_IO (cannot
 * open or map), L2A_ERR_SNAPSHOT_FORMAT (truncated, corrupted or foreign;
 * errmsg says what is wrong) or L2A_ERR_NOMEM.
 */
int l2a_snapr_open(const char *path, l2a_snap_reader **out, char *errmsg);
/* A section's bytes (borrowed until close), or NULL when absent. */
const void *l2a_snapr_section(const l2a_snap_reader *r, uint32_t tag, size_t *size);
void l2a_snapr_close(l2a_snap_reader *r);

#endif
