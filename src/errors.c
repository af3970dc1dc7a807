/* SPDX-License-Identifier: MIT */
#include "errors.h"

#include <stdarg.h>
#include <stdio.h>

#include "l2a.h"

static const char *const error_strings[] = {
    [L2A_OK] = "success",
    [L2A_ERR_INVALID_ARGUMENT] = "invalid argument",
    [L2A_ERR_NOMEM] = "out of memory",
    [L2A_ERR_INVALID_UTF8] = "invalid UTF-8",
    [L2A_ERR_TOO_LONG] = "value too long",
    [L2A_ERR_MISSING_ID] = "record has no id",
    [L2A_ERR_DUPLICATE_ID] = "duplicate account id",
    [L2A_ERR_NOT_BUILT] = "matcher is not built",
    [L2A_ERR_ALREADY_BUILT] = "matcher is already built",
    [L2A_ERR_IO] = "input/output error",
    [L2A_ERR_MODEL_FORMAT] = "malformed model",
    [L2A_ERR_NOT_FOUND] = "not found",
    [L2A_ERR_INTERNAL] = "internal error in a dependency",
    [L2A_ERR_SINGLE_VALUED] = "field holds a single value",
    [L2A_ERR_SNAPSHOT_FORMAT] = "malformed snapshot",
};

L2A_API const char *l2a_strerror(int code)
{
    if (code < 0 || (size_t)code >= sizeof error_strings / sizeof error_strings[0] ||
        !error_strings[code])
        return "unknown error";
    return error_strings[code];
}

int l2a_set_error(char *msg, int code, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, L2A_ERRMSG_SIZE, fmt, ap);
    va_end(ap);
    return code;
}
