/* SPDX-License-Identifier: MIT */
#include "buf.h"

#include <stdint.h>
#include <string.h>

#include "alloc.h"
#include "l2a.h"

void l2a_buf_init(l2a_buf *b)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
}

void l2a_buf_free(l2a_buf *b)
{
    l2a_free(b->data);
    l2a_buf_init(b);
}

void l2a_buf_reset(l2a_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

int l2a_buf_reserve(l2a_buf *b, size_t extra)
{
    size_t need, cap;
    char *data;

    if (extra > SIZE_MAX - b->len - 1)
        return L2A_ERR_NOMEM;
    need = b->len + extra + 1;
    if (need <= b->cap)
        return L2A_OK;
    cap = b->cap ? b->cap : 32;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    data = l2a_realloc(b->data, cap);
    if (!data)
        return L2A_ERR_NOMEM;
    if (!b->data)
        data[0] = '\0';
    b->data = data;
    b->cap = cap;
    return L2A_OK;
}

int l2a_buf_append(l2a_buf *b, const char *s, size_t len)
{
    int rc = l2a_buf_reserve(b, len);

    if (rc)
        return rc;
    if (len)
        memcpy(b->data + b->len, s, len);
    b->len += len;
    b->data[b->len] = '\0';
    return L2A_OK;
}

int l2a_buf_putc(l2a_buf *b, char c)
{
    return l2a_buf_append(b, &c, 1);
}

int l2a_buf_set(l2a_buf *b, const char *s, size_t len)
{
    l2a_buf_reset(b);
    return l2a_buf_append(b, s, len);
}

const char *l2a_buf_str(const l2a_buf *b)
{
    return b->data ? b->data : "";
}
