/* SPDX-License-Identifier: MIT */
/* A growable byte buffer that is always NUL-terminated once it holds memory. */
#ifndef L2A_BUF_H
#define L2A_BUF_H

#include <stddef.h>

typedef struct l2a_buf {
    char *data; /* NULL until the first write */
    size_t len; /* bytes in use, excluding the NUL */
    size_t cap; /* bytes allocated, including the NUL */
} l2a_buf;

#define L2A_BUF_INIT {NULL, 0, 0}

void l2a_buf_init(l2a_buf *b);
void l2a_buf_free(l2a_buf *b);
/* Empties the buffer and keeps its memory. */
void l2a_buf_reset(l2a_buf *b);
/* Makes room for `extra` more bytes plus the NUL. L2A_OK or L2A_ERR_NOMEM. */
int l2a_buf_reserve(l2a_buf *b, size_t extra);
int l2a_buf_append(l2a_buf *b, const char *s, size_t len);
int l2a_buf_putc(l2a_buf *b, char c);
int l2a_buf_set(l2a_buf *b, const char *s, size_t len);
/* The contents as a C string; "" for a buffer that never held memory. */
const char *l2a_buf_str(const l2a_buf *b);

#endif
