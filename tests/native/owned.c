/* A library that hands out objects the caller must release with the library's own function, shaped like cJSON
   (cJSON_Parse / cJSON_Print / cJSON_Delete): constructors return heap objects, printers return malloc'd text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct item {
    int value;
    char *name;
} item;

int item_deletions;

/* @frees(item_delete) */
item *item_create(const char *name, int value)
{
    item *it = malloc(sizeof *it);
    if (it == NULL) {
        return NULL;
    }
    it->value = value;
    it->name = strdup(name);
    return it;
}

item *item_none(void) { return NULL; }

int item_value(const item *it) { return it->value; }

/* Returns malloc'd text. @frees free */
char *item_print(const item *it)
{
    size_t size = strlen(it->name) + 16;
    char *text = malloc(size);
    snprintf(text, size, "%s=%d", it->name, it->value);
    return text;
}

void item_delete(item *it)
{
    if (it == NULL) {
        return;
    }
    free(it->name);
    free(it);
    item_deletions++;
}

int item_deletion_count(void) { return item_deletions; }
