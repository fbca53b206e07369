/* summary.c: counting by key, and the summaries (see summary.h). */
#include "summary.h"

#include "output.h"

#include <stdlib.h>
#include <string.h>

/* ---- counts ------------------------------------------------------------------ */

static size_t slot_of(const tp_counts *c, const char *key, size_t n)
{
    size_t mask = c->index_size - 1;
    size_t i = (size_t)tp_hash(TP_HASH_INIT, key, n) & mask;
    while (c->index[i] >= 0) {
        const char *k = c->keys[c->index[i]];
        if (strlen(k) == n && memcmp(k, key, n) == 0)
            break;
        i = (i + 1) & mask;
    }
    return i;
}

static void grow_index(tp_counts *c)
{
    free(c->index);
    c->index_size = c->index_size ? c->index_size * 2 : 64;
    c->index = tp_xmalloc(c->index_size * sizeof *c->index);
    for (size_t i = 0; i < c->index_size; i++)
        c->index[i] = -1;
    for (int k = 0; k < c->n; k++)
        c->index[slot_of(c, c->keys[k], strlen(c->keys[k]))] = k;
}

void tp_counts_add(tp_counts *c, const char *key, size_t n)
{
    if ((size_t)c->n * 2 >= c->index_size)
        grow_index(c);
    size_t i = slot_of(c, key, n);
    if (c->index[i] >= 0) {
        c->counts[c->index[i]]++;
        return;
    }
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 32;
        c->keys = tp_xrealloc(c->keys, (size_t)c->cap * sizeof *c->keys);
        c->counts = tp_xrealloc(c->counts, (size_t)c->cap * sizeof *c->counts);
    }
    c->keys[c->n] = strndup(key, n);
    c->counts[c->n] = 1;
    c->index[i] = c->n++;
}

long tp_counts_get(const tp_counts *c, const char *key)
{
    if (!c->index_size)
        return 0;
    size_t i = slot_of(c, key, strlen(key));
    return c->index[i] >= 0 ? c->counts[c->index[i]] : 0;
}

void tp_counts_free(tp_counts *c)
{
    for (int i = 0; i < c->n; i++)
        free(c->keys[i]);
    free(c->keys);
    free(c->counts);
    free(c->index);
    memset(c, 0, sizeof *c);
}

/* ---- keys -------------------------------------------------------------------- */

void tp_summary_keys(const tp_kb *kb, const tp_result *r, tp_buf *out)
{
    tp_buf_printf(out, "level %s\n", r->level ? r->level->id : "unknown");
    const tp_kind *kinds[2] = {tp_kb_kind_role(kb, "warning"), tp_kb_kind_role(kb, "treatment")};
    for (int k = 0; k < 2; k++) {
        const char *last = "";
        for (int i = 0; kinds[k] && i < r->nitems; i++)
            if (strcmp(r->items[i].kind, kinds[k]->id) == 0 && strcmp(r->items[i].id, last) != 0) {
                tp_buf_printf(out, "%s %s\n", kinds[k]->id, r->items[i].id);
                last = r->items[i].id;
            }
    }
}

/* ---- the summaries ------------------------------------------------------------ */

/* The keys of one group ("level", a kind, "error"): index, count. */
typedef struct {
    int key;    /* index in the counts */
    long count; /* its count */
    int rank;   /* levels: their rank; else 0 */
} row;

static int by_rank_then_count(const void *a, const void *b)
{
    const row *x = a, *y = b;
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return x->key - y->key;
}

/* The rows whose key starts with "prefix ", in summary order; returns how
 * many (rows is allocated here). */
static int group(const tp_kb *kb, const tp_counts *c, const char *prefix, row **rows)
{
    size_t pn = strlen(prefix);
    int n = 0;
    *rows = tp_xmalloc((size_t)(c->n ? c->n : 1) * sizeof **rows);
    for (int i = 0; i < c->n; i++) {
        if (strncmp(c->keys[i], prefix, pn) != 0 || c->keys[i][pn] != ' ')
            continue;
        row *r = &(*rows)[n++];
        r->key = i;
        r->count = c->counts[i];
        r->rank = 0;
        if (strcmp(prefix, "level") == 0) {
            const tp_level *l = tp_kb_level(kb, c->keys[i] + pn + 1);
            r->rank = l ? l->rank : kb->nlevels + 1; /* "unknown" last */
        }
    }
    qsort(*rows, (size_t)n, sizeof **rows, by_rank_then_count);
    return n;
}

/* The groups in summary order, with their JSON field names. */
static int groups(const tp_kb *kb, const char *names[4], const char *fields[4])
{
    const tp_kind *warn = tp_kb_kind_role(kb, "warning"), *treat = tp_kb_kind_role(kb, "treatment");
    int n = 0;
    names[n] = "level", fields[n++] = "levels";
    if (warn)
        names[n] = warn->id, fields[n++] = *warn->field ? warn->field : warn->id;
    if (treat)
        names[n] = treat->id, fields[n++] = *treat->field ? treat->field : treat->id;
    names[n] = "error", fields[n++] = "errors";
    return n;
}

void tp_summary_text(const tp_kb *kb, const tp_counts *c, FILE *f)
{
    const char *names[4], *fields[4];
    int ng = groups(kb, names, fields);
    for (int g = 0; g < ng; g++) {
        row *rows;
        int n = group(kb, c, names[g], &rows);
        for (int i = 0; i < n; i++)
            fprintf(f, "  %-40s %ld\n", c->keys[rows[i].key], rows[i].count);
        free(rows);
    }
}

void tp_summary_json(const tp_kb *kb, const tp_counts *c, const tp_totals *t, tp_buf *out)
{
    const char *names[4], *fields[4];
    int ng = groups(kb, names, fields);
    tp_buf_printf(out, "{\"cases\":%ld,\"bad_input\":%ld,\"failed_expectations\":%ld", t->cases,
                  t->bad, t->failed);
    for (int g = 0; g < ng; g++) {
        tp_buf_printf(out, ",\"%s\":{", fields[g]);
        int first = 1;
        if (g == 0) /* every level, so that the shape never depends on the cases */
            for (int i = 0; i < kb->nlevels; i++) {
                char key[300];
                snprintf(key, sizeof key, "level %s", kb->levels[i].id);
                tp_buf_printf(out, "%s", first ? "" : ",");
                tp_output_json_string(out, kb->levels[i].id);
                tp_buf_printf(out, ":%ld", tp_counts_get(c, key));
                first = 0;
            }
        row *rows;
        int n = group(kb, c, names[g], &rows);
        for (int i = 0; i < n; i++) {
            const char *id = c->keys[rows[i].key] + strlen(names[g]) + 1;
            if (g == 0 && tp_kb_level(kb, id))
                continue; /* written above */
            tp_buf_printf(out, "%s", first ? "" : ",");
            tp_output_json_string(out, id);
            tp_buf_printf(out, ":%ld", rows[i].count);
            first = 0;
        }
        free(rows);
        tp_buf_puts(out, "}");
    }
    tp_buf_puts(out, "}\n");
}
