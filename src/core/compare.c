/* compare.c: differences between two results. */
#include "compare.h"

#include <stdio.h>
#include <string.h>

static int has(const tp_result *r, const char *kind, const char *id)
{
    return tp_result_find(r, kind, id) != NULL;
}

/* Lists conclusions (not levels) in a but not in b, once per kind and id. */
static int missing(const tp_result *a, const tp_result *b, char sign, const char *indent,
                   tp_buf *out)
{
    int n = 0;
    for (int i = 0; i < a->nitems; i++) {
        const tp_conclusion *c = &a->items[i];
        if (strcmp(c->kind, "level") == 0 || has(b, c->kind, c->id))
            continue;
        if (i > 0 && strcmp(a->items[i - 1].kind, c->kind) == 0 &&
            strcmp(a->items[i - 1].id, c->id) == 0)
            continue;
        tp_buf_printf(out, "%s%c %s %s\n", indent, sign, c->kind, c->id);
        n++;
    }
    return n;
}

/* The rules behind kind/id in r, as "a, b" (items of one id are adjacent). */
static void rules_of(const tp_result *r, const char *kind, const char *id, char *out, size_t len)
{
    size_t used = 0;
    out[0] = 0;
    for (int i = 0; i < r->nitems && used < len; i++)
        if (strcmp(r->items[i].kind, kind) == 0 && strcmp(r->items[i].id, id) == 0)
            used += (size_t)snprintf(out + used, len - used, "%s%s", used ? ", " : "",
                                     r->items[i].rule);
}

/* Lists conclusions (not levels) in both whose rules changed. */
static int rested(const tp_result *a, const tp_result *b, const char *indent, tp_buf *out)
{
    int n = 0;
    for (int i = 0; i < b->nitems; i++) {
        const tp_conclusion *c = &b->items[i];
        if (strcmp(c->kind, "level") == 0 || !has(a, c->kind, c->id) ||
            (i > 0 && strcmp(b->items[i - 1].kind, c->kind) == 0 &&
             strcmp(b->items[i - 1].id, c->id) == 0))
            continue;
        char ra[1024], rb[1024];
        rules_of(a, c->kind, c->id, ra, sizeof ra);
        rules_of(b, c->kind, c->id, rb, sizeof rb);
        if (strcmp(ra, rb) == 0)
            continue;
        tp_buf_printf(out, "%s~ %s %s now rests on %s (was %s)\n", indent, c->kind, c->id, rb, ra);
        n++;
    }
    return n;
}

int tp_compare_results(const tp_result *before, const tp_result *after, const char *indent,
                       int reasons, tp_buf *out)
{
    int n = 0;
    const char *l0 = before->level ? before->level->id : "none";
    const char *l1 = after->level ? after->level->id : "none";
    if (strcmp(l0, l1) != 0) {
        tp_buf_printf(out, "%slevel: %s -> %s\n", indent, l0, l1);
        n++;
    }
    if (before->stop_pressing != after->stop_pressing) {
        tp_buf_printf(out, "%sstop-pressing: %s -> %s\n", indent,
                      before->stop_pressing ? "yes" : "no", after->stop_pressing ? "yes" : "no");
        n++;
    }
    n += missing(before, after, '-', indent, out);
    n += missing(after, before, '+', indent, out);
    if (reasons)
        n += rested(before, after, indent, out);
    return n;
}
