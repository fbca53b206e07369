/* session_base.c: what every part of the session uses to speak: colour,
 * whether ids are shown, answers and questions in words, the progress line,
 * and whether the result is provisional. The lowest file of the session:
 * it calls none of the others. */
#include "session_int.h"

#include "explain.h"

#include <stdio.h>
#include <string.h>

const char *tp_ss_sgr(const tp_session *s, const char *code)
{
    return s->opts.colour ? code : "";
}

int tp_ss_clinician(const tp_session *s)
{
    return s->opts.show_ids || s->opts.verbose;
}

/* The progress line, the one place it is made: "about N questions left"
 * estimates the prompts left, the current one included: the questions the
 * rules have asked for and no answer has, counted before the session marks
 * them unanswered (tp_triage_step's pending), a checklist's members once. On a
 * checklist it starts with which checklist it is, counted over the
 * knowledge base's checklists (facts/groups.clp, in asking order; one the
 * rules do not need is skipped): "checklist 2 of 4: Signs to get checked;
 * about 9 questions left". Dim, and one line at 80 columns (the estimate is
 * left out when a long title would need a second). */
void tp_ss_progress(tp_session *s)
{
    char line[256] = "", left[64] = "";
    if (s->pending > 0)
        snprintf(left, sizeof left, "about %d question%s left", s->pending,
                 s->pending == 1 ? "" : "s");
    const tp_group *g = s->group.n ? tp_kb_group_of(s->kb, s->group.q[0]) : NULL;
    if (g) {
        int n = snprintf(line, sizeof line, "checklist %d of %d: %s", (int)(g - s->kb->groups) + 1,
                         s->kb->ngroups, g->title);
        if (*left && n > 0 && (size_t)n + strlen(left) + 6 <= 78)
            snprintf(line + n, sizeof line - (size_t)n, "; %s", left);
    } else {
        snprintf(line, sizeof line, "%s", left);
    }
    if (*line)
        fprintf(s->out, "  %s(%s)%s\n", tp_ss_sgr(s, SS_DIM), line, tp_ss_sgr(s, SS_OFF));
}

void tp_ss_answer_words(const tp_question *q, const char *v, char *out, size_t len)
{
    tp_buf b = {0};
    tp_explain_answer(q, v, &b);
    snprintf(out, len, "%s", b.data ? b.data : "");
    tp_buf_free(&b);
}

int tp_session_provisional(const tp_session *s)
{
    return s->result.nunanswered > 0;
}

const char *tp_ss_question_words(const tp_session *s, int q)
{
    const tp_group *g = tp_kb_group_of(s->kb, q);
    for (int i = 0; g && i < g->nmembers; i++)
        if (g->members[i] == q && g->items[i][0])
            return g->items[i];
    return s->kb->questions[q].text;
}
