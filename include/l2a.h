/*
 * libl2a — lead-to-account matching.
 *
 * SPDX-License-Identifier: MIT
 */

/**
 * @file l2a.h
 * @brief The public, ABI-stable interface of libl2a.
 *
 * libl2a ties B2B leads (persons) to the accounts (companies) they work for.
 * A host registers accounts in an opaque ::l2a_matcher, freezes it with
 * l2a_matcher_build(), then matches any number of persons, from any number of
 * threads, each call filling a caller-owned ::l2a_result with the best
 * account, a calibrated probability, the runner-up and the reasons.
 *
 * Conventions that hold for every function here:
 * - Functions that can fail return an `int` error code from ::l2a_error
 *   (0 is ::L2A_OK); outputs are written through pointers named `out`.
 * - Every `_new` has a `_free`; passing NULL to a `_free` does nothing.
 * - Strings are UTF-8 with an explicit byte length; ::L2A_NTS as the length
 *   means the string is NUL-terminated.
 * - Strings returned by the library are borrowed: they stay valid until the
 *   next call that modifies the object they came from, or until it is freed.
 * - Enum values are fixed forever; new values get new numbers.
 * - The library never aborts, exits, or prints.
 */
#ifndef L2A_H
#define L2A_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** @cond INTERNAL */
#if defined(_WIN32) && defined(L2A_BUILDING_LIBRARY)
#define L2A_API __declspec(dllexport)
#elif defined(L2A_BUILDING_LIBRARY) && defined(__GNUC__)
#define L2A_API __attribute__((visibility("default")))
#else
#define L2A_API
#endif
/** @endcond */

/**
 * @defgroup version Version
 * @{
 */
/** Major version: changes only when the ABI breaks (and the soname with it). */
#define L2A_VERSION_MAJOR 0
/** Minor version: new functions or enum values, backward compatible. */
#define L2A_VERSION_MINOR 1
/** Patch version: fixes only. */
#define L2A_VERSION_PATCH 0
/** The version as one number: major * 10000 + minor * 100 + patch. */
#define L2A_VERSION_NUMBER \
    (L2A_VERSION_MAJOR * 10000 + L2A_VERSION_MINOR * 100 + L2A_VERSION_PATCH)
/** The version as a string, "major.minor.patch". */
#define L2A_VERSION_STRING "0.1.0"

/**
 * @brief The version of the library linked at run time, as a number.
 * @return major * 10000 + minor * 100 + patch; compare with ::L2A_VERSION_NUMBER.
 */
L2A_API unsigned l2a_version_number(void);

/**
 * @brief The version of the library linked at run time, as a static string.
 * @return "major.minor.patch"; never NULL, never freed.
 */
L2A_API const char *l2a_version(void);
/** @} */

/**
 * @defgroup errors Errors
 * @{
 */
/** Length value meaning "the string is NUL-terminated". */
#define L2A_NTS ((size_t)-1)

/** Largest accepted field value, in bytes. Longer values are refused with ::L2A_ERR_TOO_LONG. */
#define L2A_FIELD_MAX_BYTES 65536

/** Error codes. Values are fixed; 0 is success. */
typedef enum l2a_error {
    L2A_OK = 0,                   /**< Success. */
    L2A_ERR_INVALID_ARGUMENT = 1, /**< A NULL handle, an unknown enum value, or a value out of range. */
    L2A_ERR_NOMEM = 2,            /**< Memory allocation failed; the object is unchanged. */
    L2A_ERR_INVALID_UTF8 = 3,     /**< Text is not well-formed UTF-8 (or holds a NUL byte). */
    L2A_ERR_TOO_LONG = 4,         /**< A value exceeds ::L2A_FIELD_MAX_BYTES. */
    L2A_ERR_MISSING_ID = 5,       /**< An account without ::L2A_FIELD_ID. */
    L2A_ERR_DUPLICATE_ID = 6,     /**< An account id that was already added. */
    L2A_ERR_NOT_BUILT = 7,        /**< Matching before l2a_matcher_build(). */
    L2A_ERR_ALREADY_BUILT = 8,    /**< Changing the model or settings after l2a_matcher_build(). */
    L2A_ERR_IO = 9,               /**< A file could not be read. */
    L2A_ERR_MODEL_FORMAT = 10,    /**< A model file is malformed or of an unknown version. */
    L2A_ERR_NOT_FOUND = 11,       /**< The requested item does not exist (an index out of range). */
    L2A_ERR_INTERNAL = 12,        /**< A dependency (ICU, libpsl) failed unexpectedly. */
    L2A_ERR_SINGLE_VALUED = 13,   /**< l2a_record_add() on a field that holds one value. */
    L2A_ERR_SNAPSHOT_FORMAT = 14  /**< A snapshot file is truncated, corrupted, of another version or not a snapshot. */
} l2a_error;

/**
 * @brief A static, human-readable description of an error code.
 * @param code A value of ::l2a_error (unknown values are accepted).
 * @return A static string; never NULL, never freed.
 */
L2A_API const char *l2a_strerror(int code);
/** @} */

/**
 * @defgroup records Records
 * @brief One account or one person, filled field by field.
 *
 * A record is a small bag of UTF-8 values keyed by ::l2a_field. The same type
 * describes accounts (l2a_matcher_add_account()) and persons (l2a_match());
 * each field's documentation says which side reads it. Values are copied.
 * A record is not thread-safe: use one per thread.
 * @{
 */

/** Opaque record handle. */
typedef struct l2a_record l2a_record;

/** Field ids. Values are fixed; new fields get new numbers. */
typedef enum l2a_field {
    L2A_FIELD_ID = 1,              /**< Account id or person id (required for accounts). */
    L2A_FIELD_COMPANY_NAME = 2,    /**< Account name; a person's company name as typed. */
    L2A_FIELD_ALIAS = 3,           /**< Accounts: other names of the company (multi-valued). */
    L2A_FIELD_WEBSITE = 4,         /**< Account website; a person's company website. */
    L2A_FIELD_DOMAIN = 5,          /**< Accounts: domains the company owns (multi-valued). */
    L2A_FIELD_EMAIL = 6,           /**< Persons: work email address. */
    L2A_FIELD_FIRST_NAME = 7,      /**< Persons: first name (not used for matching). */
    L2A_FIELD_LAST_NAME = 8,       /**< Persons: last name (not used for matching). */
    L2A_FIELD_TITLE = 9,           /**< Persons: job title (not used for matching). */
    L2A_FIELD_PHONE = 10,          /**< Phone number, any format. */
    L2A_FIELD_COUNTRY = 11,        /**< ISO 3166 alpha-2 code or English country name. */
    L2A_FIELD_REGION = 12,         /**< State, province or region. */
    L2A_FIELD_CITY = 13,           /**< City. */
    L2A_FIELD_POSTAL_CODE = 14,    /**< Postal code. */
    L2A_FIELD_PARENT_ID = 15,      /**< Accounts: id of the parent account. */
    L2A_FIELD_ACCOUNT_IDS = 16,    /**< Persons: accounts already tied to the person (multi-valued). */
    L2A_FIELD_INDUSTRY = 17        /**< Accounts: industry (informational). */
} l2a_field;

/** One past the largest field id; useful for loops. */
#define L2A_FIELD_END 18

/**
 * @brief The canonical name of a field ("id", "company_name", ...).
 * @return A static string, or NULL for an unknown field.
 */
L2A_API const char *l2a_field_name(int field);

/**
 * @brief Create an empty record.
 * @param[out] out Receives the record; set to NULL on failure.
 * @return ::L2A_OK, ::L2A_ERR_INVALID_ARGUMENT or ::L2A_ERR_NOMEM.
 */
L2A_API int l2a_record_new(l2a_record **out);

/** @brief Free a record. NULL is a no-op. */
L2A_API void l2a_record_free(l2a_record *rec);

/**
 * @brief Remove every value, keeping the memory for reuse.
 * Strings previously returned by l2a_record_get() become invalid.
 */
L2A_API void l2a_record_clear(l2a_record *rec);

/**
 * @brief Replace all values of a field with one value.
 *
 * The value must be well-formed UTF-8 without NUL bytes and at most
 * ::L2A_FIELD_MAX_BYTES long. On error the record is unchanged and
 * l2a_record_errmsg() says why. A zero-length value clears the field.
 *
 * @param rec   The record.
 * @param field A value of ::l2a_field.
 * @param utf8  The value (may be NULL only when len is 0).
 * @param len   Its length in bytes, or ::L2A_NTS.
 * @return ::L2A_OK, ::L2A_ERR_INVALID_ARGUMENT, ::L2A_ERR_INVALID_UTF8,
 *         ::L2A_ERR_TOO_LONG or ::L2A_ERR_NOMEM.
 */
L2A_API int l2a_record_set(l2a_record *rec, int field, const char *utf8, size_t len);

/**
 * @brief Append one more value to a multi-valued field
 *        (::L2A_FIELD_ALIAS, ::L2A_FIELD_DOMAIN, ::L2A_FIELD_ACCOUNT_IDS).
 *
 * Same rules as l2a_record_set(); an empty value is ignored. On a
 * single-valued field this returns ::L2A_ERR_SINGLE_VALUED.
 */
L2A_API int l2a_record_add(l2a_record *rec, int field, const char *utf8, size_t len);

/** @brief The number of values a field holds (0 for unknown fields). */
L2A_API size_t l2a_record_count(const l2a_record *rec, int field);

/**
 * @brief One value of a field.
 * @param rec   The record.
 * @param field A value of ::l2a_field.
 * @param index 0 to l2a_record_count() - 1.
 * @param[out] len_out Receives the length in bytes (may be NULL).
 * @return The NUL-terminated value, borrowed until the record changes;
 *         NULL when there is no such value.
 */
L2A_API const char *l2a_record_get(const l2a_record *rec, int field, size_t index,
                                   size_t *len_out);

/**
 * @brief The detailed message of the last failed call on this record.
 * @return A string borrowed until the next call on the record; "" when none.
 */
L2A_API const char *l2a_record_errmsg(const l2a_record *rec);
/** @} */

/**
 * @defgroup results Results
 * @brief The decision for one person.
 * @{
 */

/** Opaque result handle. One per thread; reuse it across calls. */
typedef struct l2a_result l2a_result;

/** Person classes, decided before any matching. Values are fixed. */
typedef enum l2a_person_class {
    L2A_CLASS_NONE = 0,      /**< Not classified (no match has run). */
    L2A_CLASS_ACCOUNT = 1,   /**< Already tied to an account: skipped. */
    L2A_CLASS_KNOWN = 2,     /**< Has a work email, company name or website: matched. */
    L2A_CLASS_ANONYMOUS = 3  /**< None of the three: not matched. */
} l2a_person_class;

/** Match statuses. Values are fixed. */
typedef enum l2a_status {
    L2A_STATUS_NONE = 0,            /**< No match has run on this result. */
    L2A_STATUS_MATCHED = 1,         /**< Best account at or above the threshold. */
    L2A_STATUS_BELOW_THRESHOLD = 2, /**< A best candidate exists but scores below the threshold. */
    L2A_STATUS_NO_CANDIDATE = 3,    /**< No account shares any signal with the person. */
    L2A_STATUS_AMBIGUOUS = 4,       /**< The top two candidates cannot be told apart. */
    L2A_STATUS_SKIPPED = 5,         /**< Account person: not re-matched. */
    L2A_STATUS_ANONYMOUS = 6,       /**< Anonymous person: not matched. */
    L2A_STATUS_REJECTED = 7         /**< The match failed; see l2a_result_errmsg(). */
} l2a_status;

/** The signal that decided a match. Values are fixed. */
typedef enum l2a_method {
    L2A_METHOD_NONE = 0,    /**< No candidate. */
    L2A_METHOD_DOMAIN = 1,  /**< The email's registrable domain is the account's. */
    L2A_METHOD_WEBSITE = 2, /**< The company website's registrable domain is the account's. */
    L2A_METHOD_NAME = 3,    /**< The company name (fuzzy). */
    L2A_METHOD_ALIAS = 4    /**< An alias of the account. */
} l2a_method;

/**
 * Pairwise features of a (person, account) pair. Each candidate carries one
 * value per feature and its contribution to the log-odds. Values are fixed.
 */
typedef enum l2a_feature {
    L2A_FEATURE_EMAIL_DOMAIN = 0,     /**< 1 when the email's registrable domain is an account domain. */
    L2A_FEATURE_EMAIL_SUBDOMAIN = 1,  /**< 1 when that match is through a subdomain (emea.acme.com). */
    L2A_FEATURE_WEBSITE_DOMAIN = 2,   /**< 1 when the website's registrable domain is an account domain. */
    L2A_FEATURE_DOMAIN_SHARED = 3,    /**< log2 of the number of accounts sharing the matched domain. */
    L2A_FEATURE_DOMAIN_CONFLICT = 4,  /**< 1 when the person has a non-free domain that is not the account's. */
    L2A_FEATURE_FREEMAIL = 5,         /**< 1 when the email is at a free-mail or disposable provider. */
    L2A_FEATURE_NAME_TRIGRAM = 6,     /**< Trigram similarity of the normalized names, 0..1. */
    L2A_FEATURE_NAME_TOKEN = 7,       /**< IDF-weighted token overlap of the names, 0..1. */
    L2A_FEATURE_NAME_EDIT = 8,        /**< Edit-distance similarity of the names, 0..1. */
    L2A_FEATURE_NAME_EXACT = 9,       /**< 1 when the normalized names are equal. */
    L2A_FEATURE_NAME_ACRONYM = 10,    /**< 1 when one name is the acronym of the other. */
    L2A_FEATURE_ALIAS_EXACT = 11,     /**< 1 when the name equals an alias of the account. */
    L2A_FEATURE_NAME_MISSING = 12,    /**< 1 when the person gave no company name. */
    L2A_FEATURE_NAME_RARITY = 13,     /**< How specific the person's name is (mean IDF of its trigrams), 0..1. */
    L2A_FEATURE_COUNTRY_MATCH = 14,   /**< 1 when both countries are known and equal. */
    L2A_FEATURE_COUNTRY_MISMATCH = 15,/**< 1 when both countries are known and differ. */
    L2A_FEATURE_REGION_MATCH = 16,    /**< 1 when both regions are known and equal. */
    L2A_FEATURE_CITY_MATCH = 17,      /**< 1 when both cities are known and equal. */
    L2A_FEATURE_PHONE_PREFIX = 18,    /**< 1 when the phones share a country code and area prefix. */
    L2A_FEATURE_DOMAIN_NAME = 19,     /**< Similarity of the person's domain label to the account name, 0..1. */
    /**
     * IDF-weighted share of the words of the person's company name found in
     * the account's name or an alias, a word with a typo counting by its
     * similarity, 0..1 ("Vaule" finds "Value Group": the person's words are there).
     */
    L2A_FEATURE_NAME_PERSON_COVERAGE = 20,
    /**
     * IDF-weighted share of the words of the account's name (or an alias)
     * found in the person's company name, typos tolerated, 0..1 ("Acme
     * Marketing" covers all of "Acme").
     */
    L2A_FEATURE_NAME_ACCOUNT_COVERAGE = 21,
    /**
     * 1 when the part of the person's company name before a separator (a
     * department, a region or a note after " - ", "(", ",", "|", "/":
     * "Acme - Marketing", "Acme (EMEA)") matches the account better than
     * the whole name; the name features then hold the head's evidence.
     */
    L2A_FEATURE_NAME_HEAD = 22
} l2a_feature;

/** Number of features; feature ids run from 0 to L2A_FEATURE_COUNT - 1. */
#define L2A_FEATURE_COUNT 23

/** @brief The snake_case name of a person class ("account", "known", "anonymous"); "" for NONE, NULL if unknown. */
L2A_API const char *l2a_person_class_name(int person_class);
/** @brief The snake_case name of a status ("matched", "below_threshold", ...); "" for NONE, NULL if unknown. */
L2A_API const char *l2a_status_name(int status);
/** @brief The snake_case name of a method ("domain", "website", "name", "alias"); "" for NONE, NULL if unknown. */
L2A_API const char *l2a_method_name(int method);
/** @brief The snake_case name of a feature ("email_domain", ...); NULL if unknown. */
L2A_API const char *l2a_feature_name(int feature);

/**
 * @brief Create an empty result.
 * @param[out] out Receives the result; set to NULL on failure.
 * @return ::L2A_OK, ::L2A_ERR_INVALID_ARGUMENT or ::L2A_ERR_NOMEM.
 */
L2A_API int l2a_result_new(l2a_result **out);

/** @brief Free a result. NULL is a no-op. */
L2A_API void l2a_result_free(l2a_result *res);

/** @brief The ::l2a_status of the last match (::L2A_STATUS_NONE before any). */
L2A_API int l2a_result_status(const l2a_result *res);

/** @brief The ::l2a_person_class of the last matched person. */
L2A_API int l2a_result_person_class(const l2a_result *res);

/** @brief The ::l2a_method that decided the best candidate (::L2A_METHOD_NONE without one). */
L2A_API int l2a_result_method(const l2a_result *res);

/**
 * @brief The id of the best candidate, whatever the status.
 *
 * Present for ::L2A_STATUS_MATCHED, ::L2A_STATUS_BELOW_THRESHOLD and
 * ::L2A_STATUS_AMBIGUOUS. Borrowed until the next l2a_match() with this result.
 * @return The account id, or NULL when there is no candidate.
 */
L2A_API const char *l2a_result_account_id(const l2a_result *res);

/** @brief The calibrated probability of the best candidate, 0..1 (0 without one). */
L2A_API double l2a_result_score(const l2a_result *res);

/** @brief The id of the second-best candidate, or NULL. Borrowed like l2a_result_account_id(). */
L2A_API const char *l2a_result_runner_up_id(const l2a_result *res);

/** @brief The calibrated probability of the runner-up (0 without one). */
L2A_API double l2a_result_runner_up_score(const l2a_result *res);

/**
 * @brief The number of reasons: the best candidate's features with a non-zero contribution.
 */
L2A_API size_t l2a_result_reason_count(const l2a_result *res);

/**
 * @brief One reason, most influential (largest absolute contribution) first.
 * @param res   The result.
 * @param index 0 to l2a_result_reason_count() - 1.
 * @param[out] feature_out      Receives the ::l2a_feature (may be NULL).
 * @param[out] value_out        Receives the feature value (may be NULL).
 * @param[out] contribution_out Receives the contribution to the log-odds (may be NULL).
 * @return ::L2A_OK, ::L2A_ERR_INVALID_ARGUMENT or ::L2A_ERR_NOT_FOUND.
 */
L2A_API int l2a_result_reason(const l2a_result *res, size_t index, int *feature_out,
                              double *value_out, double *contribution_out);

/** @brief The number of candidates scored, best first (at most the candidate limit). */
L2A_API size_t l2a_result_candidate_count(const l2a_result *res);

/** @brief The account id of candidate @p index, or NULL. Borrowed like l2a_result_account_id(). */
L2A_API const char *l2a_result_candidate_id(const l2a_result *res, size_t index);

/** @brief The calibrated probability of candidate @p index (0 when out of range). */
L2A_API double l2a_result_candidate_score(const l2a_result *res, size_t index);

/**
 * @brief One feature of one candidate.
 * @param res     The result.
 * @param index   0 to l2a_result_candidate_count() - 1.
 * @param feature A value of ::l2a_feature.
 * @param[out] value_out        Receives the feature value (may be NULL).
 * @param[out] contribution_out Receives the contribution to the log-odds (may be NULL).
 * @return ::L2A_OK, ::L2A_ERR_INVALID_ARGUMENT or ::L2A_ERR_NOT_FOUND.
 */
L2A_API int l2a_result_candidate_feature(const l2a_result *res, size_t index, int feature,
                                         double *value_out, double *contribution_out);

/**
 * @brief Why the last match was rejected.
 * @return A string borrowed until the next l2a_match() with this result; "" when none.
 */
L2A_API const char *l2a_result_errmsg(const l2a_result *res);
/** @} */

/**
 * @defgroup matcher Matcher
 * @brief Accounts in, decisions out.
 *
 * Lifecycle: l2a_matcher_new(), optional parameters, model and free-mail
 * domains, l2a_matcher_add_account() for each account, l2a_matcher_build(),
 * then l2a_match() as often as needed. After the build, l2a_match() may be
 * called from many threads at once on the same matcher, each thread with its
 * own record and result (see docs/threading.md). Every other function that
 * takes a non-const matcher must not run concurrently with anything else on
 * that matcher.
 * @{
 */

/** Opaque matcher handle. */
typedef struct l2a_matcher l2a_matcher;

/** Tunable parameters. Values are fixed. */
typedef enum l2a_param {
    L2A_PARAM_THRESHOLD = 1,        /**< Probability at or above which a best candidate is a match. Default: the model's. */
    L2A_PARAM_AMBIGUITY_MARGIN = 2, /**< When the top two are this close in probability and together reach the threshold, the match is ambiguous. Default 0.02. */
    L2A_PARAM_MAX_CANDIDATES = 3,   /**< How many name candidates are scored per person (1..256). Default 8. */
    L2A_PARAM_NAME_SEARCH = 4       /**< When similar names are searched: an ::l2a_name_search value. Default ::L2A_NAME_SEARCH_UNEXPLAINED. */
} l2a_param;

/**
 * Values of ::L2A_PARAM_NAME_SEARCH. Values are fixed.
 *
 * The search for accounts with names similar to the person's is most of
 * the cost of a match. By default it runs only when the exact keys leave
 * the name unexplained: no account is named (or aliased) exactly as the
 * person wrote it, and no account at the person's own corporate domain has
 * a name much like it. Those accounts could only share the probability with
 * the rivals the search would add. When it runs, the accounts that share a
 * rare word with the name, or have a word one edit from one of its words
 * that no account has (a typo), are scored first; the trigram index is
 * walked only when none of them reaches a similarity of 0.45 (the cosine of
 * their IDF-weighted trigrams).
 */
typedef enum l2a_name_search {
    L2A_NAME_SEARCH_UNEXPLAINED = 0, /**< Search only when the exact keys leave the name unexplained (default). */
    L2A_NAME_SEARCH_ALWAYS = 1       /**< Search for every person with a name, always through the trigram index: every rival is scored (slower). */
} l2a_name_search;

/**
 * @brief Create a matcher with the built-in model and free-mail table.
 * @param[out] out Receives the matcher; set to NULL on failure.
 * @return ::L2A_OK, ::L2A_ERR_INVALID_ARGUMENT, ::L2A_ERR_NOMEM or ::L2A_ERR_INTERNAL.
 */
L2A_API int l2a_matcher_new(l2a_matcher **out);

/** @brief Free a matcher and everything it owns. NULL is a no-op. */
L2A_API void l2a_matcher_free(l2a_matcher *m);

/**
 * @brief The detailed message of the last failed call on this matcher.
 * @return A string borrowed until the next call on the matcher; "" when none.
 */
L2A_API const char *l2a_matcher_errmsg(const l2a_matcher *m);

/**
 * @brief Set a parameter. Allowed before and after the build, but not while
 *        another thread matches.
 * @return ::L2A_OK or ::L2A_ERR_INVALID_ARGUMENT (unknown parameter or out of range).
 */
L2A_API int l2a_matcher_set_param(l2a_matcher *m, int param, double value);

/**
 * @brief Read a parameter.
 * @param m     The matcher.
 * @param param A value of ::l2a_param.
 * @param[out] value_out Receives the value.
 * @return ::L2A_OK or ::L2A_ERR_INVALID_ARGUMENT.
 */
L2A_API int l2a_matcher_get_param(const l2a_matcher *m, int param, double *value_out);

/**
 * @brief The accepted range of a parameter.
 * @return ::L2A_OK or ::L2A_ERR_INVALID_ARGUMENT for an unknown parameter.
 */
L2A_API int l2a_param_bounds(int param, double *min_out, double *max_out);

/**
 * @brief Replace the model with one given as text (the model file format,
 *        see docs/model-format.md). Only before the build.
 *
 * The threshold is reset to the new model's default.
 * @return ::L2A_OK, ::L2A_ERR_MODEL_FORMAT, ::L2A_ERR_ALREADY_BUILT,
 *         ::L2A_ERR_INVALID_ARGUMENT or ::L2A_ERR_NOMEM.
 */
L2A_API int l2a_matcher_set_model(l2a_matcher *m, const char *text, size_t len);

/**
 * @brief Replace the model with one read from a file. Only before the build.
 * @return As l2a_matcher_set_model(), plus ::L2A_ERR_IO.
 */
L2A_API int l2a_matcher_load_model(l2a_matcher *m, const char *path);

/**
 * @brief The version string of the model in use, e.g. "l2a-default-2".
 * @return A string borrowed until the model changes; never NULL.
 */
L2A_API const char *l2a_matcher_model_version(const l2a_matcher *m);

/**
 * @brief Treat one more domain as a free-mail or disposable provider.
 *        Only before the build.
 *
 * Free-mail domains are never a matching signal, even when an account lists
 * them. The domain may be given as a host or a registrable domain.
 * @return ::L2A_OK, ::L2A_ERR_INVALID_ARGUMENT (empty or not a domain),
 *         ::L2A_ERR_INVALID_UTF8, ::L2A_ERR_ALREADY_BUILT or ::L2A_ERR_NOMEM.
 */
L2A_API int l2a_matcher_add_freemail(l2a_matcher *m, const char *domain, size_t len);

/**
 * @brief Register one account, or (after the build) add or replace one.
 *
 * Reads ::L2A_FIELD_ID (required), ::L2A_FIELD_COMPANY_NAME, ::L2A_FIELD_ALIAS,
 * ::L2A_FIELD_WEBSITE, ::L2A_FIELD_DOMAIN, ::L2A_FIELD_COUNTRY,
 * ::L2A_FIELD_REGION, ::L2A_FIELD_CITY, ::L2A_FIELD_POSTAL_CODE,
 * ::L2A_FIELD_PHONE and ::L2A_FIELD_PARENT_ID. The record is copied and may
 * be reused at once.
 *
 * Before the first l2a_matcher_build(), ids must be unique
 * (::L2A_ERR_DUPLICATE_ID). After it (or after l2a_matcher_load_snapshot()),
 * the call stages a change: an account with a new id is added, one with the
 * id of an existing account replaces it. Staged changes are invisible to
 * l2a_match() until the next l2a_matcher_build() applies them. Not to be
 * called while other threads match.
 * @return ::L2A_OK, ::L2A_ERR_MISSING_ID, ::L2A_ERR_DUPLICATE_ID (before the
 *         build), ::L2A_ERR_INVALID_ARGUMENT, ::L2A_ERR_INVALID_UTF8 or ::L2A_ERR_NOMEM.
 */
L2A_API int l2a_matcher_add_account(l2a_matcher *m, const l2a_record *account);

/**
 * @brief Stage the removal of one account of a built matcher.
 *
 * Like changes made with l2a_matcher_add_account() after the build, the
 * removal is invisible to l2a_match() until the next l2a_matcher_build().
 * Not to be called while other threads match.
 * @param m   A built matcher.
 * @param id  The account id.
 * @param len Its length in bytes, or ::L2A_NTS.
 * @return ::L2A_OK, ::L2A_ERR_NOT_FOUND (no live account has this id, counting
 *         staged changes), ::L2A_ERR_NOT_BUILT, ::L2A_ERR_INVALID_ARGUMENT,
 *         ::L2A_ERR_TOO_LONG or ::L2A_ERR_NOMEM.
 */
L2A_API int l2a_matcher_remove_account(l2a_matcher *m, const char *id, size_t len);

/** @brief The number of live accounts (as of the last build: staged changes are not counted). */
L2A_API size_t l2a_matcher_account_count(const l2a_matcher *m);

/**
 * @brief Freeze the matcher, or apply the pending account changes.
 *
 * The first call builds the domain map, the exact-name map and the trigram
 * index over the accounts added so far. The result does not depend on the
 * order in which accounts were added.
 *
 * Later calls apply the changes staged since by l2a_matcher_add_account()
 * and l2a_matcher_remove_account(), incrementally: the accounts of the first
 * build are left as they are (removed or replaced ones are tombstoned) and
 * the changed accounts go to a small delta whose indexes are rebuilt; the
 * cost is proportional to the number of changed accounts since the last
 * l2a_matcher_compact(), not to the total. With no pending changes the call
 * is a no-op returning ::L2A_OK. The trigram weights (IDF) stay those of
 * the first build until l2a_matcher_compact(), so scores may differ slightly
 * from a fresh build. On failure no change is applied and the matcher keeps
 * matching as before. Not to be called while other threads match.
 * @return ::L2A_OK, ::L2A_ERR_INVALID_ARGUMENT or ::L2A_ERR_NOMEM.
 */
L2A_API int l2a_matcher_build(l2a_matcher *m);

/**
 * @brief Apply the pending changes and merge all accounts into one freshly
 *        built index (a full rebuild).
 *
 * Afterwards the matcher is as if built from its live accounts at once:
 * scores equal those of a fresh build, and it may be saved as a snapshot.
 * Worth calling when the accounts changed since the last full build exceed
 * about 10% of the total, or before l2a_matcher_save_snapshot(). A no-op
 * when nothing changed. Not to be called while other threads match.
 * @return ::L2A_OK, ::L2A_ERR_NOT_BUILT, ::L2A_ERR_INVALID_ARGUMENT or ::L2A_ERR_NOMEM.
 */
L2A_API int l2a_matcher_compact(l2a_matcher *m);

/**
 * @brief Write a built matcher to one file (a snapshot).
 *
 * The file holds the model, the parameters, the accounts, the added free-mail
 * domains and the indexes, behind a versioned header, with checksums. It is
 * written to a temporary file in the same folder and renamed into place, so
 * a reader never sees a partial snapshot. Snapshots are specific to the byte
 * order of the machine and to the snapshot format version of the library.
 * May run while other threads match. A matcher with account changes since
 * its last full build (see l2a_matcher_build()) is refused with
 * ::L2A_ERR_INVALID_ARGUMENT: call l2a_matcher_compact() first.
 * @param m    A built matcher.
 * @param path Where to write.
 * @return ::L2A_OK, ::L2A_ERR_NOT_BUILT, ::L2A_ERR_IO, ::L2A_ERR_INVALID_ARGUMENT or ::L2A_ERR_NOMEM.
 */
L2A_API int l2a_matcher_save_snapshot(const l2a_matcher *m, const char *path);

/**
 * @brief Load a snapshot into a new matcher, which is then built.
 *
 * The file is mapped read-only and used in place: loading does no indexing,
 * and processes that load the same file share its memory. The file must not
 * be modified while the matcher uses it (replace it by renaming instead).
 * @p m must come straight from l2a_matcher_new(): no accounts, not built.
 *
 * The whole file is checked before this returns: the header (magic, format
 * version, byte order, size), the checksum of the header and section table,
 * where the sections lie, the checksum of every section, and every offset
 * of the account tables and the indexes, so that no later call reads a byte
 * that was not checked, whatever the file holds. The checks read the whole
 * file (about 30 ms of CPU for a million accounts); on a large file they
 * run on a few threads, up to the number of cores, which are joined before
 * this returns. A truncated, corrupted, forged, foreign or older-format file
 * (the message then says to save the snapshot again) is refused with
 * ::L2A_ERR_SNAPSHOT_FORMAT and @p m stays as it was.
 * @param m    A new matcher.
 * @param path The snapshot.
 * @return ::L2A_OK, ::L2A_ERR_IO, ::L2A_ERR_SNAPSHOT_FORMAT, ::L2A_ERR_ALREADY_BUILT,
 *         ::L2A_ERR_INVALID_ARGUMENT or ::L2A_ERR_NOMEM.
 */
L2A_API int l2a_matcher_load_snapshot(l2a_matcher *m, const char *path);

/**
 * @brief Match one person.
 *
 * Thread-safe on a built matcher. Reads ::L2A_FIELD_ID, ::L2A_FIELD_EMAIL,
 * ::L2A_FIELD_COMPANY_NAME, ::L2A_FIELD_WEBSITE, ::L2A_FIELD_COUNTRY,
 * ::L2A_FIELD_REGION, ::L2A_FIELD_CITY, ::L2A_FIELD_PHONE and
 * ::L2A_FIELD_ACCOUNT_IDS of @p person and fills @p out with the decision.
 * A person that cannot be matched for a reason of its own (say, an email
 * with no usable host) is not an error: it gets a status. An error code is
 * returned only when the call itself fails; then the status is
 * ::L2A_STATUS_REJECTED and l2a_result_errmsg() says why.
 *
 * @param m      A built matcher.
 * @param person The person.
 * @param out    The result to fill; previous contents are replaced.
 * @return ::L2A_OK, ::L2A_ERR_NOT_BUILT, ::L2A_ERR_INVALID_ARGUMENT,
 *         ::L2A_ERR_NOMEM or ::L2A_ERR_INTERNAL.
 */
L2A_API int l2a_match(const l2a_matcher *m, const l2a_record *person, l2a_result *out);

/**
 * @brief Match many persons, on several threads.
 *
 * Equivalent to calling l2a_match(m, persons[i], results[i]) for every i:
 * the results are identical, whatever the number of threads. The persons
 * are shared out among the threads in contiguous slices; the call returns
 * when all are done. Each result must be distinct; the same person record
 * may appear more than once.
 *
 * @param m       A built matcher.
 * @param persons Array of @p n person records.
 * @param n       Number of persons (0 is allowed).
 * @param results Array of @p n results to fill.
 * @param threads Number of threads to use; 0 means one per online processor.
 *                Never more than one thread per person.
 * @return ::L2A_OK when every match succeeded; otherwise the error of the
 *         first person (in array order) whose match failed — its result has
 *         ::L2A_STATUS_REJECTED, and all other results are filled as usual.
 *         ::L2A_ERR_INVALID_ARGUMENT for NULL arrays or elements,
 *         ::L2A_ERR_NOMEM when threads cannot be started (then nothing is matched).
 */
L2A_API int l2a_match_batch(const l2a_matcher *m, const l2a_record *const *persons, size_t n,
                            l2a_result *const *results, unsigned threads);
/** @} */

/**
 * @defgroup tools Debugging helpers
 * @brief The normalization and domain rules the matcher applies, exposed so
 *        that users can see what their data turns into.
 *
 * Both write a NUL-terminated string into a caller buffer. When the buffer
 * is too small they return ::L2A_ERR_TOO_LONG and set @p len_out to the
 * length needed (without the NUL). Both are thread-safe and work on a
 * matcher whether or not it is built; they use its free-mail table and
 * normalizer.
 * @{
 */

/**
 * @brief The normalized company-name key the matcher compares
 *        ("ACME Holdings, Inc." -> "acme holdings").
 * @param m   A matcher.
 * @param in  UTF-8 text.
 * @param len Its length in bytes, or ::L2A_NTS.
 * @param out Buffer for the key.
 * @param cap Size of @p out in bytes.
 * @param[out] len_out Receives the key length (may be NULL).
 * @return ::L2A_OK (the key may be empty), ::L2A_ERR_INVALID_ARGUMENT,
 *         ::L2A_ERR_INVALID_UTF8, ::L2A_ERR_TOO_LONG or ::L2A_ERR_NOMEM.
 */
L2A_API int l2a_normalize_name(const l2a_matcher *m, const char *in, size_t len, char *out,
                               size_t cap, size_t *len_out);

/**
 * @brief The registrable domain of an email address, a URL or a host
 *        ("jane@emea.acme.co.uk" -> "acme.co.uk").
 * @param m   A matcher.
 * @param in  UTF-8 text.
 * @param len Its length in bytes, or ::L2A_NTS.
 * @param out Buffer for the domain (ASCII; IDN in punycode).
 * @param cap Size of @p out in bytes.
 * @param[out] len_out Receives the domain length (may be NULL).
 * @return ::L2A_OK, ::L2A_ERR_NOT_FOUND (no registrable domain),
 *         ::L2A_ERR_INVALID_ARGUMENT, ::L2A_ERR_INVALID_UTF8,
 *         ::L2A_ERR_TOO_LONG or ::L2A_ERR_NOMEM.
 */
L2A_API int l2a_registrable_domain(const l2a_matcher *m, const char *in, size_t len, char *out,
                                   size_t cap, size_t *len_out);
/** @} */

#ifdef __cplusplus
}
#endif

#endif /* L2A_H */
