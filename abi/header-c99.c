/*
 * Header hygiene: l2a.h on its own, in strict C99 (built with -std=c99
 * -pedantic -Werror -Wall -Wextra by abi/meson.build). Included twice to
 * check the include guard.
 *
 * SPDX-License-Identifier: MIT
 */
#include <l2a.h>
#include <l2a.h>

int main(void)
{
    /* Everything the header promises is usable without another include:
     * size_t from <stddef.h>, the enums, the macros. */
    size_t nts = L2A_NTS;
    l2a_error ok = L2A_OK;
    l2a_field field = L2A_FIELD_COMPANY_NAME;

    if (nts != (size_t)-1 || ok != 0 || field != 2 || L2A_FIELD_END <= L2A_FIELD_INDUSTRY)
        return 1;
    return l2a_version_number() / 10000 == L2A_VERSION_MAJOR ? 0 : 1;
}
