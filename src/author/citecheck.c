/* citecheck.c: citations against each source's list of sections (see
 * citecheck.h). */
#include "citecheck.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

struct find {
    tp_engine *e;
    const char *title;   /* the source's title */
    const char *section; /* its section */
    int listed;          /* a source-sections fact names the title */
    int found;           /* and lists the section */
    tp_buf sections;     /* what it lists, for the message */
};

static int look(void *ud, tp_fact *f)
{
    struct find *w = ud;
    const char *title = tp_fact_str(w->e, f, "title");
    if (!title || strcmp(title, w->title) != 0)
        return 0;
    w->listed = 1;
    tp_value v[TP_MAX_VALUES];
    int n = tp_fact_values(w->e, f, "sections", v, TP_MAX_VALUES);
    n = n > TP_MAX_VALUES ? TP_MAX_VALUES : n;
    for (int i = 0; i < n; i++) {
        if (!v[i].sym)
            continue;
        if (strcmp(v[i].sym, w->section) == 0)
            w->found = 1;
        tp_buf_printf(&w->sections, "%s\"%s\"", w->sections.len ? ", " : "", v[i].sym);
    }
    return 0;
}

int tp_check_citations(const tp_kb *kb, tp_engine *e, tp_buf *errors)
{
    int bad = 0;
    char at[PATH_MAX + 32];
    for (int i = 0; i < kb->nsources; i++) {
        const tp_source *s = &kb->sources[i];
        struct find w = {e, s->title, s->section, 0, 0, {0}};
        tp_engine_each(e, "source-sections", look, &w);
        if (!w.listed || !w.found) {
            tp_kb_fact_where(kb, "source", s->id, "section", at, sizeof at);
            if (!w.listed)
                tp_buf_printf(errors,
                              "%s: source %s: no source-sections fact lists the sections of "
                              "\"%s\": add one (facts/sources.clp) with its real headings, "
                              "verbatim\n",
                              at, s->id, s->title);
            else
                tp_buf_printf(errors,
                              "%s: source %s cites section \"%s\", which is not a section of "
                              "\"%s\" (its sections: %s): cite a real heading, verbatim\n",
                              at, s->id, s->section, s->title,
                              w.sections.data ? w.sections.data : "none");
            bad++;
        }
        tp_buf_free(&w.sections);
    }
    return bad;
}
