/* SPDX-License-Identifier: MIT */
/*
 * Locations: country names and codes, phone numbers.
 * Inputs are keys from l2a_norm_text() (lowercase ASCII tokens).
 */
#ifndef L2A_LOCATION_H
#define L2A_LOCATION_H

#include <stddef.h>

/*
 * The ISO 3166-1 alpha-2 code (upper case, static) of a country given as a
 * normalized alpha-2 code, alpha-3 code or English name, common variants
 * included ("us", "usa", "united states of america", "korea republic of",
 * "uk", "great britain"); NULL when unknown.
 */
const char *l2a_loc_country_code(const char *key, size_t len);

/*
 * A comparable phone key: the digits with the international calling code,
 * written into out (NUL-terminated, at most cap - 1 digits). A number
 * without "+" or "00" is taken as is. Returns the number of digits written;
 * 0 when there are fewer than 6 digits.
 */
size_t l2a_loc_phone_key(const char *phone, size_t len, char *out, size_t cap);

#endif
