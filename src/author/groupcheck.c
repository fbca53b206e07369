/* groupcheck.c: checking the question groups (see groupcheck.h). */
#include "groupcheck.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

int tp_groups_static(const tp_kb *kb, tp_buf *errors)
{
    int bad = 0;
    char at[PATH_MAX + 32];
    for (int g = 0; g < kb->ngroups; g++) {
        const tp_group *gr = &kb->groups[g];
        if (gr->nmembers == 0 || !*gr->prompt) {
            tp_kb_fact_where(kb, "question-group", gr->id, NULL, at, sizeof at);
            tp_buf_printf(errors, "%s: group %s has no %s\n", at, gr->id,
                          gr->nmembers ? "prompt" : "members");
            bad++;
        }
        for (int i = 0; i < gr->nmembers; i++) {
            const tp_question *q = &kb->questions[gr->members[i]];
            if (tp_group_fits(q))
                continue;
            tp_kb_fact_where(kb, "question-group", gr->id, q->id, at, sizeof at);
            tp_buf_printf(errors,
                          "%s: group %s lists %s, which is not a yes/no question (a checklist "
                          "item is chosen or not: yes or no, perhaps unsure); take it out of "
                          "the group so that it is asked on its own\n",
                          at, gr->id, q->id);
            bad++;
        }
    }
    if (kb->ngroups == 0)
        return bad; /* no groups: every question is asked on its own */
    for (int i = 0; i < kb->nquestions; i++) {
        const tp_question *q = &kb->questions[i];
        if (!q->safety || !tp_group_fits(q) || kb->group_of[i] != -1)
            continue;
        tp_buf_printf(errors,
                      "%s/facts/groups.clp: safety question %s is in no group: add it to a "
                      "group, or say why it is asked on its own in an ask-alone fact\n",
                      kb->dir, q->id);
        bad++;
    }
    return bad;
}

int tp_interview_run(const tp_kb *kb, tp_judge *j, const tp_answer *const *oracle, int grouped,
                     tp_case *c, tp_error *err)
{
    int members[TP_GROUP_MAX];
    c->nanswers = 0;
    for (int step = 0; step <= kb->nquestions; step++) {
        if (tp_judge_start(j, c, err) != 0)
            return -1;
        const tp_question *q = tp_judge_next(j);
        if (!q)
            return 0;
        int n = grouped ? tp_group_pending(kb, j, c, q, members) : 0;
        if (n == 0) {
            members[0] = (int)(q - kb->questions);
            n = 1;
        } else {
            for (int i = 0; i < n; i++)
                if (!oracle[members[i]] || oracle[members[i]]->nvals == 0)
                    return 1;
        }
        for (int i = 0; i < n; i++) {
            const tp_answer *a = oracle[members[i]];
            if (!a || a->nvals == 0)
                return 0; /* the person stops here: the rest is unanswered */
            if (c->nanswers == c->acap) {
                c->acap = c->acap ? c->acap * 2 : 64;
                c->answers = tp_xrealloc(c->answers, (size_t)c->acap * sizeof *c->answers);
            }
            c->answers[c->nanswers++] = *a;
        }
    }
    return 0;
}
