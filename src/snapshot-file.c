/* SPDX-License-Identifier: MIT */
#include "snapshot-file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include "alloc.h"
#include "errors.h"
#include "l2a.h"

#define MAGIC "L2ASNAP\0"
/*
 * 2: a checksum per section and one over the header and the table, instead
 * of one over the whole file, so that opening does not have to read it all.
 */
#define FORMAT_VERSION 3u
#define BYTE_ORDER_MARK 0x01020304u

/* On disk, little-endian on the machines that write it; the mark refuses others. */
typedef struct snap_header {
    char magic[8];
    uint32_t format_version;
    uint32_t byte_order;
    uint32_t n_sections;
    uint32_t reserved;
    uint64_t file_size;
    uint64_t checksum; /* XXH3-64 of this header (with this field zero) and the padded section table */
    uint8_t pad[L2A_SNAP_ALIGN - 40];
} snap_header;

typedef struct snap_entry {
    uint32_t tag;
    uint32_t reserved;
    uint64_t offset;
    uint64_t size;
    uint64_t checksum; /* XXH3-64 of the section's bytes */
} snap_entry;

_Static_assert(sizeof(snap_header) == L2A_SNAP_ALIGN, "the header fills one alignment unit");
_Static_assert(sizeof(snap_entry) == 32, "table entries have a fixed size");

/* The header and the largest table, as hashed: small enough for the stack. */
#define FRAME_MAX (sizeof(snap_header) + L2A_SNAP_MAX_SECTIONS * sizeof(snap_entry))

struct l2a_snap_writer {
    char *path;
    char *tmp_path;
    int fd;
    snap_entry table[L2A_SNAP_MAX_SECTIONS];
    uint32_t n;
    unsigned char *body; /* sections are appended here, then written at commit */
    size_t body_len, body_cap;
};

struct l2a_snap_reader {
    const unsigned char *map;
    size_t size;
    const snap_entry *table;
    uint32_t n;
};

static uint64_t padded(uint64_t size)
{
    return (size + L2A_SNAP_ALIGN - 1) / L2A_SNAP_ALIGN * L2A_SNAP_ALIGN;
}

static size_t table_bytes(uint32_t n)
{
    size_t raw = (size_t)n * sizeof(snap_entry);
    return (raw + L2A_SNAP_ALIGN - 1) / L2A_SNAP_ALIGN * L2A_SNAP_ALIGN;
}

int l2a_snapw_begin(const char *path, l2a_snap_writer **out, char *errmsg)
{
    l2a_snap_writer *w;
    size_t len = strlen(path);

    *out = NULL;
    w = l2a_calloc(1, sizeof *w);
    if (!w)
        return l2a_set_error(errmsg, L2A_ERR_NOMEM, "out of memory");
    w->fd = -1;
    w->path = l2a_strndup(path, len);
    w->tmp_path = l2a_calloc(1, len + 16); /* zeroed: abort unlinks it only once it names a file */
    if (!w->path || !w->tmp_path) {
        l2a_snapw_abort(w);
        return l2a_set_error(errmsg, L2A_ERR_NOMEM, "out of memory");
    }
    snprintf(w->tmp_path, len + 16, "%s.tmp-XXXXXX", path);
    w->fd = mkstemp(w->tmp_path);
    if (w->fd < 0) {
        int e = errno;
        w->tmp_path[0] = '\0';
        l2a_snapw_abort(w);
        return l2a_set_error(errmsg, L2A_ERR_IO, "%s: cannot create a temporary file: %s", path, strerror(e));
    }
    /* Snapshots are meant to be shared by many processes: readable by all, as a plain file would be. */
    fchmod(w->fd, 0644);
    *out = w;
    return L2A_OK;
}

static int grow_body(l2a_snap_writer *w, size_t extra)
{
    size_t cap;
    unsigned char *body;

    if (w->body_len + extra <= w->body_cap)
        return L2A_OK;
    cap = w->body_cap ? w->body_cap : 1 << 16;
    while (cap < w->body_len + extra)
        cap *= 2;
    body = l2a_realloc(w->body, cap);
    if (!body)
        return L2A_ERR_NOMEM;
    w->body = body;
    w->body_cap = cap;
    return L2A_OK;
}

int l2a_snapw_add(l2a_snap_writer *w, uint32_t tag, const void *data, size_t size, char *errmsg)
{
    size_t room = (size_t)padded(size);
    uint32_t i;

    if (w->n == L2A_SNAP_MAX_SECTIONS)
        return l2a_set_error(errmsg, L2A_ERR_INVALID_ARGUMENT, "snapshot: too many sections");
    for (i = 0; i < w->n; i++)
        if (w->table[i].tag == tag)
            return l2a_set_error(errmsg, L2A_ERR_INVALID_ARGUMENT, "snapshot: section %u twice", tag);
    if (grow_body(w, room) != L2A_OK)
        return l2a_set_error(errmsg, L2A_ERR_NOMEM, "out of memory");
    if (size)
        memcpy(w->body + w->body_len, data, size);
    if (room > size)
        memset(w->body + w->body_len + size, 0, room - size);
    w->table[w->n].tag = tag;
    w->table[w->n].reserved = 0;
    w->table[w->n].offset = w->body_len; /* relative until commit */
    w->table[w->n].size = size;
    w->table[w->n].checksum = XXH3_64bits(data, size);
    w->body_len += room;
    w->n++;
    return L2A_OK;
}

static int write_all(int fd, const void *data, size_t size)
{
    const unsigned char *p = data;

    while (size) {
        ssize_t n = write(fd, p, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        p += n;
        size -= (size_t)n;
    }
    return 0;
}

int l2a_snapw_commit(l2a_snap_writer *w, char *errmsg)
{
    unsigned char frame[FRAME_MAX];
    size_t tbytes = table_bytes(w->n);
    uint64_t base = sizeof(snap_header) + tbytes;
    snap_header h;
    uint32_t i;
    int rc = L2A_OK;

    memset(frame, 0, sizeof frame);
    for (i = 0; i < w->n; i++) {
        snap_entry e = w->table[i];
        e.offset += base;
        memcpy(frame + sizeof h + i * sizeof e, &e, sizeof e);
    }
    memset(&h, 0, sizeof h);
    memcpy(h.magic, MAGIC, sizeof h.magic);
    h.format_version = FORMAT_VERSION;
    h.byte_order = BYTE_ORDER_MARK;
    h.n_sections = w->n;
    h.file_size = base + w->body_len;
    memcpy(frame, &h, sizeof h);
    h.checksum = XXH3_64bits(frame, base);
    memcpy(frame, &h, sizeof h);
    if (write_all(w->fd, frame, base) || (w->body_len && write_all(w->fd, w->body, w->body_len)) ||
        fsync(w->fd) != 0)
        rc = l2a_set_error(errmsg, L2A_ERR_IO, "%s: write error: %s", w->path, strerror(errno));
    if (close(w->fd) != 0 && rc == L2A_OK)
        rc = l2a_set_error(errmsg, L2A_ERR_IO, "%s: write error: %s", w->path, strerror(errno));
    w->fd = -1;
    if (rc == L2A_OK && rename(w->tmp_path, w->path) != 0)
        rc = l2a_set_error(errmsg, L2A_ERR_IO, "%s: cannot rename into place: %s", w->path, strerror(errno));
    if (rc == L2A_OK)
        w->tmp_path[0] = '\0'; /* nothing left to remove */
    l2a_snapw_abort(w);
    return rc;
}

void l2a_snapw_abort(l2a_snap_writer *w)
{
    if (!w)
        return;
    if (w->fd >= 0)
        close(w->fd);
    if (w->tmp_path && w->tmp_path[0])
        unlink(w->tmp_path);
    l2a_free(w->path);
    l2a_free(w->tmp_path);
    l2a_free(w->body);
    l2a_free(w);
}

static int bad(char *errmsg, const char *path, const char *what)
{
    return l2a_set_error(errmsg, L2A_ERR_SNAPSHOT_FORMAT, "%s: not a usable snapshot: %s", path, what);
}

static int header_ok(const snap_header *h, size_t size, const char *path, char *errmsg)
{
    if (memcmp(h->magic, MAGIC, sizeof h->magic) != 0)
        return bad(errmsg, path, "wrong magic (not a libl2a snapshot)");
    if (h->byte_order != BYTE_ORDER_MARK)
        return bad(errmsg, path, "written on a machine of another byte order");
    if (h->format_version >= 1 && h->format_version < FORMAT_VERSION)
        return l2a_set_error(errmsg, L2A_ERR_SNAPSHOT_FORMAT,
                             "%s: not a usable snapshot: format version %u, written by an older libl2a; "
                             "this one reads version %u: save the snapshot again",
                             path, h->format_version, FORMAT_VERSION);
    if (h->format_version != FORMAT_VERSION)
        return bad(errmsg, path, "unknown format version (written by a newer libl2a?)");
    if (h->reserved != 0 || memchr(h->pad, 0, sizeof h->pad) != h->pad ||
        memcmp(h->pad, h->pad + 1, sizeof h->pad - 1) != 0)
        return bad(errmsg, path, "reserved header bytes are not zero");
    if (h->file_size != size)
        return bad(errmsg, path, "truncated or extended (size differs from the header)");
    if (h->n_sections > L2A_SNAP_MAX_SECTIONS || sizeof *h + table_bytes(h->n_sections) > size)
        return bad(errmsg, path, "section table out of bounds");
    return L2A_OK;
}

static uint64_t frame_checksum(const unsigned char *map, uint32_t n)
{
    unsigned char frame[FRAME_MAX];
    size_t len = sizeof(snap_header) + table_bytes(n);

    memcpy(frame, map, len);
    memset(frame + offsetof(snap_header, checksum), 0, sizeof(uint64_t));
    return XXH3_64bits(frame, len);
}

/*
 * Sections follow the table in order, each at the next aligned offset after
 * the one before, and the last ends the file: no byte is outside both the
 * frame and a section (with its padding), so every byte is checked by one
 * checksum or another. NULL when so, else what is wrong.
 */
static const char *layout_error(const l2a_snap_reader *r)
{
    uint64_t at = sizeof(snap_header) + table_bytes(r->n);
    uint32_t i, j;

    for (i = 0; i < r->n; i++) {
        const snap_entry *e = &r->table[i];
        if (e->reserved != 0 || e->offset != at || e->size > r->size - at || padded(e->size) > r->size - at)
            return "sections out of bounds or out of order";
        at += padded(e->size);
        for (j = 0; j < i; j++)
            if (r->table[j].tag == e->tag)
                return "duplicate section";
    }
    return at == r->size ? NULL : "sections out of bounds or out of order";
}

static int check_frame(const l2a_snap_reader *r, const char *path, char *errmsg)
{
    const snap_header *h = (const snap_header *)r->map;
    const char *wrong;
    int rc = header_ok(h, r->size, path, errmsg);

    if (rc)
        return rc;
    if (frame_checksum(r->map, r->n) != h->checksum)
        return bad(errmsg, path, "checksum mismatch in the header or section table (corrupted)");
    if ((wrong = layout_error(r)) != NULL)
        return bad(errmsg, path, wrong);
    return L2A_OK;
}

int l2a_snapr_open(const char *path, l2a_snap_reader **out, char *errmsg)
{
    l2a_snap_reader *r;
    struct stat st;
    void *map;
    int fd, rc;

    *out = NULL;
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return l2a_set_error(errmsg, L2A_ERR_IO, "%s: %s", path, strerror(errno));
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return l2a_set_error(errmsg, L2A_ERR_IO, "%s: not a regular file", path);
    }
    if ((uint64_t)st.st_size < sizeof(snap_header)) {
        close(fd);
        return bad(errmsg, path, "shorter than a header");
    }
    map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_SHARED, fd, 0);
    close(fd);
    if (map == MAP_FAILED)
        return l2a_set_error(errmsg, L2A_ERR_IO, "%s: cannot map: %s", path, strerror(errno));
    r = l2a_calloc(1, sizeof *r);
    if (!r) {
        munmap(map, (size_t)st.st_size);
        return l2a_set_error(errmsg, L2A_ERR_NOMEM, "out of memory");
    }
    r->map = map;
    r->size = (size_t)st.st_size;
    r->table = (const snap_entry *)(r->map + sizeof(snap_header));
    r->n = ((const snap_header *)map)->n_sections;
    rc = check_frame(r, path, errmsg);
    if (rc) {
        l2a_snapr_close(r);
        return rc;
    }
    *out = r;
    return L2A_OK;
}

long l2a_snapr_find(const l2a_snap_reader *r, uint32_t tag)
{
    uint32_t i;

    for (i = 0; i < r->n; i++)
        if (r->table[i].tag == tag)
            return (long)i;
    return -1;
}

const void *l2a_snapr_section(const l2a_snap_reader *r, uint32_t tag, size_t *size)
{
    long i = l2a_snapr_find(r, tag);

    if (i < 0) {
        *size = 0;
        return NULL;
    }
    *size = (size_t)r->table[i].size;
    return r->map + r->table[i].offset;
}

uint32_t l2a_snapr_count(const l2a_snap_reader *r)
{
    return r->n;
}

uint32_t l2a_snapr_tag(const l2a_snap_reader *r, uint32_t i)
{
    return i < r->n ? r->table[i].tag : 0;
}

int l2a_snapr_verify(const l2a_snap_reader *r, uint32_t i)
{
    const snap_entry *e;
    const unsigned char *pad;
    size_t n_pad;

    if (i >= r->n)
        return L2A_ERR_SNAPSHOT_FORMAT;
    e = &r->table[i];
    if (XXH3_64bits(r->map + e->offset, (size_t)e->size) != e->checksum)
        return L2A_ERR_SNAPSHOT_FORMAT;
    pad = r->map + e->offset + e->size;
    n_pad = (size_t)(padded(e->size) - e->size);
    if (n_pad && (pad[0] != 0 || memcmp(pad, pad + 1, n_pad - 1) != 0))
        return L2A_ERR_SNAPSHOT_FORMAT;
    return L2A_OK;
}

void l2a_snapr_close(l2a_snap_reader *r)
{
    if (!r)
        return;
    munmap((void *)r->map, r->size);
    l2a_free(r);
}
