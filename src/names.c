/* SPDX-License-Identifier: MIT */
/* The stable names of the public enums: the CLI's column values use them. */
#include <stddef.h>

#include "l2a.h"

#define LOOKUP(table, i) \
    ((i) >= 0 && (size_t)(i) < sizeof(table) / sizeof((table)[0]) ? (table)[i] : NULL)

static const char *const field_names[L2A_FIELD_END] = {
    [L2A_FIELD_ID] = "id",
    [L2A_FIELD_COMPANY_NAME] = "company_name",
    [L2A_FIELD_ALIAS] = "alias",
    [L2A_FIELD_WEBSITE] = "website",
    [L2A_FIELD_DOMAIN] = "domain",
    [L2A_FIELD_EMAIL] = "email",
    [L2A_FIELD_FIRST_NAME] = "first_name",
    [L2A_FIELD_LAST_NAME] = "last_name",
    [L2A_FIELD_TITLE] = "title",
    [L2A_FIELD_PHONE] = "phone",
    [L2A_FIELD_COUNTRY] = "country",
    [L2A_FIELD_REGION] = "region",
    [L2A_FIELD_CITY] = "city",
    [L2A_FIELD_POSTAL_CODE] = "postal_code",
    [L2A_FIELD_PARENT_ID] = "parent_id",
    [L2A_FIELD_ACCOUNT_IDS] = "account_ids",
    [L2A_FIELD_INDUSTRY] = "industry",
};

static const char *const class_names[] = {
    [L2A_CLASS_NONE] = "",
    [L2A_CLASS_ACCOUNT] = "account",
    [L2A_CLASS_KNOWN] = "known",
    [L2A_CLASS_ANONYMOUS] = "anonymous",
};

static const char *const status_names[] = {
    [L2A_STATUS_NONE] = "",
    [L2A_STATUS_MATCHED] = "matched",
    [L2A_STATUS_BELOW_THRESHOLD] = "below_threshold",
    [L2A_STATUS_NO_CANDIDATE] = "no_candidate",
    [L2A_STATUS_AMBIGUOUS] = "ambiguous",
    [L2A_STATUS_SKIPPED] = "skipped",
    [L2A_STATUS_ANONYMOUS] = "anonymous",
    [L2A_STATUS_REJECTED] = "rejected",
};

static const char *const method_names[] = {
    [L2A_METHOD_NONE] = "",
    [L2A_METHOD_DOMAIN] = "domain",
    [L2A_METHOD_WEBSITE] = "website",
    [L2A_METHOD_NAME] = "name",
    [L2A_METHOD_ALIAS] = "alias",
};

static const char *const feature_names[L2A_FEATURE_COUNT] = {
    [L2A_FEATURE_EMAIL_DOMAIN] = "email_domain",
    [L2A_FEATURE_EMAIL_SUBDOMAIN] = "email_subdomain",
    [L2A_FEATURE_WEBSITE_DOMAIN] = "website_domain",
    [L2A_FEATURE_DOMAIN_SHARED] = "domain_shared",
    [L2A_FEATURE_DOMAIN_CONFLICT] = "domain_conflict",
    [L2A_FEATURE_FREEMAIL] = "freemail",
    [L2A_FEATURE_NAME_TRIGRAM] = "name_trigram",
    [L2A_FEATURE_NAME_TOKEN] = "name_token",
    [L2A_FEATURE_NAME_EDIT] = "name_edit",
    [L2A_FEATURE_NAME_EXACT] = "name_exact",
    [L2A_FEATURE_NAME_ACRONYM] = "name_acronym",
    [L2A_FEATURE_ALIAS_EXACT] = "alias_exact",
    [L2A_FEATURE_NAME_MISSING] = "name_missing",
    [L2A_FEATURE_NAME_RARITY] = "name_rarity",
    [L2A_FEATURE_COUNTRY_MATCH] = "country_match",
    [L2A_FEATURE_COUNTRY_MISMATCH] = "country_mismatch",
    [L2A_FEATURE_REGION_MATCH] = "region_match",
    [L2A_FEATURE_CITY_MATCH] = "city_match",
    [L2A_FEATURE_PHONE_PREFIX] = "phone_prefix",
    [L2A_FEATURE_DOMAIN_NAME] = "domain_name",
    [L2A_FEATURE_NAME_PERSON_COVERAGE] = "name_person_coverage",
    [L2A_FEATURE_NAME_ACCOUNT_COVERAGE] = "name_account_coverage",
    [L2A_FEATURE_NAME_HEAD] = "name_head",
};

L2A_API const char *l2a_field_name(int field)
{
    return LOOKUP(field_names, field);
}

L2A_API const char *l2a_person_class_name(int person_class)
{
    return LOOKUP(class_names, person_class);
}

L2A_API const char *l2a_status_name(int status)
{
    return LOOKUP(status_names, status);
}

L2A_API const char *l2a_method_name(int method)
{
    return LOOKUP(method_names, method);
}

L2A_API const char *l2a_feature_name(int feature)
{
    return LOOKUP(feature_names, feature);
}
