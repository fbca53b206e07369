/* compare.c: differences between two results. */
#include "compare.h"

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

int tp_compare_results(const tp_result *before, const tp_result *after, const char *indent,
                       tp_buf *out)
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
    return n;
}
