/* SPDX-License-Identifier: MIT */
/* Detailed error messages kept on a handle (matcher, record, result). */
#ifndef L2A_ERRORS_H
#define L2A_ERRORS_H

#include <stddef.h>

#define L2A_ERRMSG_SIZE 256

/*
 * Formats a message into msg (L2A_ERRMSG_SIZE bytes) and returns code, so
 * that a failing path reads `return l2a_set_error(m->errmsg, rc, "...", ...)`.
 */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
int l2a_set_error(char *msg, int code, const char *fmt, ...);

static inline void l2a_clear_error(char *msg)
{
    msg[0] = '\0';
}

#endif
