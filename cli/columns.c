/* SPDX-License-Identifier: MIT */
#include "columns.h"

#include "l2a.h"
#include "util.h"

#include <stdlib.h>

static const column_def account_columns[] = {
    {"account_id", "b2b.accountKey.sourceKey", L2A_FIELD_ID, false},
    {"name", "b2b.accountName", L2A_FIELD_COMPANY_NAME, false},
    {"aliases", NULL, L2A_FIELD_ALIAS, true},
    {"website", NULL, L2A_FIELD_WEBSITE, false},
    {"domains", NULL, L2A_FIELD_DOMAIN, true},
    {"country", NULL, L2A_FIELD_COUNTRY, false},
    {"region", NULL, L2A_FIELD_REGION, false},
    {"city", NULL, L2A_FIELD_CITY, false},
    {"postal_code", NULL, L2A_FIELD_POSTAL_CODE, false},
    {"phone", NULL, L2A_FIELD_PHONE, false},
    {"parent_id", NULL, L2A_FIELD_PARENT_ID, false},
    {"industry", NULL, L2A_FIELD_INDUSTRY, false},
};

static const column_def person_columns[] = {
    {"person_id", "b2b.personKey.sourceKey", L2A_FIELD_ID, false},
    {"email", "workEmail.address", L2A_FIELD_EMAIL, false},
    {"company_name", "b2b.companyName", L2A_FIELD_COMPANY_NAME, false},
    {"company_website", "b2b.companyWebsite", L2A_FIELD_WEBSITE, false},
    {"first_name", NULL, L2A_FIELD_FIRST_NAME, false},
    {"last_name", NULL, L2A_FIELD_LAST_NAME, false},
    {"title", NULL, L2A_FIELD_TITLE, false},
    {"phone", NULL, L2A_FIELD_PHONE, false},
    {"country", NULL, L2A_FIELD_COUNTRY, false},
    {"region", NULL, L2A_FIELD_REGION, false},
    {"city", NULL, L2A_FIELD_CITY, false},
    {"account_ids", NULL, L2A_FIELD_ACCOUNT_IDS, true},
};

_Static_assert(sizeof account_columns / sizeof *account_columns <= COLUMN_MAX_SLOTS, "slots");
_Static_assert(sizeof person_columns / sizeof *person_columns <= COLUMN_MAX_SLOTS, "slots");

const column_schema accounts_schema = {
    "accounts", account_columns, sizeof account_columns / sizeof *account_columns, 0};
const column_schema persons_schema = {
    "persons", person_columns, sizeof person_columns / sizeof *person_columns, 0};

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

int column_slot(const column_schema *schema, const char *name, size_t len)
{
    while (len && is_blank(*name)) {
        name++;
        len--;
    }
    while (len && is_blank(name[len - 1]))
        len--;
    for (size_t i = 0; i < schema->count; i++) {
        const column_def *c = &schema->columns[i];
        if (ascii_equal_nocase(name, len, c->name) ||
            (c->alias && ascii_equal_nocase(name, len, c->alias)))
            return (int)i;
    }
    return -1;
}

void column_map_init(column_map *map, const column_schema *schema, const char *const *names,
                     const size_t *lens, size_t count, const char *source)
{
    bool seen[COLUMN_MAX_SLOTS] = {false};
    map->field_count = count;
    map->slot_of_field = xcalloc(count, sizeof *map->slot_of_field);
    for (size_t i = 0; i < count; i++) {
        int slot = column_slot(schema, names[i], lens[i]);
        if (slot >= 0 && seen[slot]) {
            cli_warn("%s: column %zu (%.*s) repeats column %s; the first one is used", source,
                     i + 1, (int)lens[i], names[i], schema->columns[slot].name);
            slot = -1;
        }
        if (slot >= 0)
            seen[slot] = true;
        map->slot_of_field[i] = slot;
    }
}

bool column_map_has_slot(const column_map *map, size_t slot)
{
    for (size_t i = 0; i < map->field_count; i++)
        if (map->slot_of_field[i] == (int)slot)
            return true;
    return false;
}

void column_map_free(column_map *map)
{
    free(map->slot_of_field);
    map->slot_of_field = NULL;
    map->field_count = 0;
}
