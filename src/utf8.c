/* SPDX-License-Identifier: MIT */
#include "utf8.h"

#include <stdint.h>
#include <string.h>

#include "l2a.h"

/* The well-formed byte sequences of Unicode 15, table 3-7. */
static size_t sequence_length(const unsigned char *p, size_t avail)
{
    unsigned char c = p[0];
    unsigned char lo = 0x80, hi = 0xBF;
    size_t n, i;

    if (c == 0x00)
        return 0;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2;
    else if (c >= 0xE0 && c <= 0xEF)
        n = 3;
    else if (c >= 0xF0 && c <= 0xF4)
        n = 4;
    else
        return 0;
    if (c == 0xE0)
        lo = 0xA0;
    else if (c == 0xED)
        hi = 0x9F;
    else if (c == 0xF0)
        lo = 0x90;
    else if (c == 0xF4)
        hi = 0x8F;
    if (avail < n)
        return 0;
    if (p[1] < lo || p[1] > hi)
        return 0;
    for (i = 2; i < n; i++)
        if (p[i] < 0x80 || p[i] > 0xBF)
            return 0;
    return n;
}

#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

/* True when the 8 bytes at p are all in 0x01..0x7F: whole characters, no NUL. */
static bool eight_plain_ascii(const unsigned char *p)
{
    uint64_t w;

    memcpy(&w, p, sizeof w);
    return ((w | ((w - ONES) & ~w)) & HIGHS) == 0;
}

int l2a_utf8_validate(const char *s, size_t len, size_t *bad_offset)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;

    while (i < len) {
        size_t n;
        /* Most text is ASCII: skip it a word at a time, then a byte at a time. */
        if (len - i >= 8 && eight_plain_ascii(p + i)) {
            i += 8;
            continue;
        }
        if (p[i] - 1u < 0x7Fu) {
            i++;
            continue;
        }
        n = sequence_length(p + i, len - i);
        if (n == 0) {
            if (bad_offset)
                *bad_offset = i;
            return L2A_ERR_INVALID_UTF8;
        }
        i += n;
    }
    return L2A_OK;
}

bool l2a_is_ascii(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;

    for (; len - i >= 8; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, sizeof w);
        if (w & HIGHS)
            return false;
    }
    for (; i < len; i++)
        if (p[i] >= 0x80)
            return false;
    return true;
}
