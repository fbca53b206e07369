/* citecheck.c: citations against each source's list of sections (see
 * citecheck.h). */
#include "citecheck.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

struct find {
    tp_triage *t;
    const char *title;   /* the source's title */
    const char *section; /* its section */
    int listed;          /* a source-sections fact names the title */
    int found;           /* and lists the section */
    tp_buf sections;     /* what it lists, for the message */
};

static int look(void *ud, tp_fact *f)
{
    struct find *w = ud;
    const char *title = tp_triage_fact_str(w->t, f, "title");
    if (!title || strcmp(title, w->title) != 0)
        return 0;
    w->listed = 1;
    tp_value v[TP_MAX_VALUES];
    int n = tp_triage_fact_values(w->t, f, "sections", v, TP_MAX_VALUES);
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

int tp_check_citations(tp_triage *t, tp_buf *errors)
{
    const tp_kb *kb = tp_triage_kb(t);
    int bad = 0;
    char at[PATH_MAX + 32];
    for (int i = 0; i < kb->nsources; i++) {
        const tp_source *s = &kb->sources[i];
        struct find w = {t, s->title, s->section, 0, 0, {0}};
        tp_triage_each(t, "source-sections", look, &w);
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
