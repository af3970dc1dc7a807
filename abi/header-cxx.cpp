/*
 * Header hygiene: l2a.h from C++ (built with -std=c++11 -pedantic -Werror
 * by abi/meson.build) and linked with libl2a, which only works when the
 * declarations have C linkage.
 *
 * SPDX-License-Identifier: MIT
 */
#include <l2a.h>
#include <l2a.h>

#include <cstring>

int main()
{
    l2a_matcher *m = nullptr;
    if (l2a_matcher_new(&m) != L2A_OK)
        return 1;
    l2a_field field = L2A_FIELD_EMAIL;
    int status = L2A_STATUS_MATCHED;
    bool names_ok = std::strcmp(l2a_field_name(field), "email") == 0 &&
                    std::strcmp(l2a_status_name(status), "matched") == 0;
    l2a_matcher_free(m);
    return names_ok && l2a_version_number() / 10000 == L2A_VERSION_MAJOR ? 0 : 1;
}
