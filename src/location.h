/* SPDX-License-Identifier: MIT */
/*
 * Locations: country names and codes, phone numbers.
 * Inputs are keys from l2a_norm_text() (lowercase ASCII tokens).
 */
#ifndef L2A_LOCATION_H
#define L2A_LOCATION_H

#include <stdbool.h>
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

/*
 * Country keys are canonical before look-up: the words "the" and "and" are
 * dropped and "st" before another word reads "saint", so "The Bahamas",
 * "Trinidad & Tobago" and "St Lucia" are found. Letters may be upper case.
 * The phone key ignores text before the first digit ("Tel: +1 ..."), stops
 * at an extension ("x12", "ext. 12", ",12", "#12"), drops the "(0)" trunk
 * prefix of an international number, and reads full-width digits.
 */

/* For tests: the country table is in strcmp order. */
bool l2a_loc_table_sorted(void);

#endif
