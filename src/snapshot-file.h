/* SPDX-License-Identifier: MIT */
/*
 * The snapshot container: a file of tagged, 64-byte-aligned sections behind
 * a versioned header and a section table. The header and the table carry one
 * checksum; each section carries its own, so that a reader can check the
 * sections on several threads at once.
 * Written to a temporary file and renamed into place; read through a
 * read-only mmap, so sections can be used in place and many processes share
 * the pages. Knows nothing of what the sections hold.
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
/* Writes the table and checksums, syncs, renames into place, frees the writer. */
int l2a_snapw_commit(l2a_snap_writer *w, char *errmsg);
/* Gives up: removes the temporary file and frees the writer. NULL is a no-op. */
void l2a_snapw_abort(l2a_snap_writer *w);

/*
 * Maps a snapshot and checks its frame, in time independent of its size:
 * magic, format version, byte order, size, the checksum of the header and
 * section table, and that the sections tile the file in order, aligned,
 * with unique tags. Section contents are not read: see l2a_snapr_verify().
 * L2A_OK, L2A_ERR_IO (cannot open or map), L2A_ERR_SNAPSHOT_FORMAT
 * (truncated, corrupted or foreign; errmsg says what is wrong) or
 * L2A_ERR_NOMEM.
 */
int l2a_snapr_open(const char *path, l2a_snap_reader **out, char *errmsg);
/* A section's bytes (borrowed until close), or NULL when absent. Not verified by this call. */
const void *l2a_snapr_section(const l2a_snap_reader *r, uint32_t tag, size_t *size);
/* Number of sections, and the tag of the i-th in file order. */
uint32_t l2a_snapr_count(const l2a_snap_reader *r);
uint32_t l2a_snapr_tag(const l2a_snap_reader *r, uint32_t i);
/*
 * Checks the i-th section's bytes against its checksum and that the padding
 * after it is zero: L2A_OK or L2A_ERR_SNAPSHOT_FORMAT. Reads only the mapping,
 * so any number of threads may verify sections of one reader at once.
 */
int l2a_snapr_verify(const l2a_snap_reader *r, uint32_t i);
/* The index of the section with this tag, or -1 when absent. */
long l2a_snapr_find(const l2a_snap_reader *r, uint32_t tag);
void l2a_snapr_close(l2a_snap_reader *r);

#endif
