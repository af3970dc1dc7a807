/* SPDX-License-Identifier: MIT */
#include "l2a.h"

/* The header's macros and the build's version must agree. */
#if L2A_VERSION_MAJOR != L2A_BUILD_VERSION_MAJOR || L2A_VERSION_MINOR != L2A_BUILD_VERSION_MINOR || \
    L2A_VERSION_PATCH != L2A_BUILD_VERSION_PATCH
#error "include/l2a.h version macros differ from the project version in meson.build"
#endif

L2A_API unsigned l2a_version_number(void)
{
    return L2A_VERSION_NUMBER;
}

L2A_API const char *l2a_version(void)
{
    return L2A_VERSION_STRING;
}
