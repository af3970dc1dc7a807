/* SPDX-License-Identifier: MIT */
#ifndef L2A_UTF8_H
#define L2A_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/*
 * L2A_OK when [s, s+len) is well-formed UTF-8 (no overlongs, no surrogates,
 * nothing above U+10FFFF) and holds no NUL byte; L2A_ERR_INVALID_UTF8
 * otherwise, with the offending byte offset in *bad_offset when non-NULL.
 */
int l2a_utf8_validate(const char *s, size_t len, size_t *bad_offset);

/* True when every byte is below 0x80. */
bool l2a_is_ascii(const char *s, size_t len);

#endif
