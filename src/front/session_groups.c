/* session_groups.c: asking a group of questions as one checklist ("Do any
 * of these apply to you? 1 ... 2 ..."). The knowledge base says which
 * questions go together (facts/groups.clp); a line typed here becomes the
 * same yes, no and unsure answers as when each is asked on its own, and the
 * rules run once after the whole checklist, so an emergency shows before
 * anything else is asked. */
#include "session_int.h"

#include "groups.h"

#include <string.h>

static void show_group(tp_session *s)
{
    const tp_group *g = tp_kb_group_of(s->kb, s->group.q[0]);
    int any_unsure = 0;
    fputc('\n', s->out);
    if (s->opts.show_ids)
        fprintf(s->out, "[%s] ", g->id);
    fprintf(s->out, "%s%s%s\n", tp_ss_sgr(s, SS_BOLD), g->prompt, tp_ss_sgr(s, SS_OFF));
    for (int i = 0; i < s->group.n; i++) {
        int q = s->group.q[i];
        any_unsure |= tp_kb_value(&s->kb->questions[q], "unsure") != NULL;
        fprintf(s->out, "  %2d  ", i + 1);
        if (s->opts.show_ids)
            fprintf(s->out, "[%s] ", s->kb->questions[q].id);
        fprintf(s->out, "%s\n", tp_ss_question_words(s, q));
    }
    fprintf(s->out, "  Type the numbers of those that apply (e.g. 1 3), or 0 for none.%s\n",
            any_unsure ? " Not sure about one? Type unsure and its number (e.g. unsure 2): it "
                         "counts as if it applied."
                       : "");
    fprintf(s->out, "  %s(? N explains item N; ? the whole list; :help lists commands)%s\n",
            tp_ss_sgr(s, SS_DIM), tp_ss_sgr(s, SS_OFF));
    tp_ss_progress(s);
}

int tp_ss_group_begin(tp_session *s)
{
    if (!s->cur || !s->group.n)
        return 0;
    show_group(s);
    return 1;
}

static void item_help(tp_session *s, int i)
{
    const tp_question *q = &s->kb->questions[s->group.q[i]];
    fprintf(s->out, "%d. %s\n", i + 1, q->text);
    if (q->help && q->help[0])
        fprintf(s->out, "%s\n", q->help);
    if (tp_kb_value(q, "unsure") && q->unsure && q->unsure[0])
        fprintf(s->out, "\"unsure %d\": %s\n", i + 1, q->unsure);
}

/* "Noted: yes to 1 and 3; unsure about 2; no to the others." */
static void say_noted(tp_session *s, const tp_group_pick *picks)
{
    static const char *const what[] = {"yes", "unsure", "no"};
    static const char *const head[] = {"yes to", "unsure about", "no to"};
    int chosen = 0;
    for (int i = 0; i < s->group.n; i++)
        chosen += strcmp(picks[i].value, "no") != 0;
    if (!chosen) {
        fprintf(s->out, "Noted: none of them.\n");
        return;
    }
    fprintf(s->out, "Noted:");
    const char *sep = " ";
    for (int w = 0; w < 3; w++) {
        int n = 0;
        for (int i = 0; i < s->group.n; i++)
            n += strcmp(picks[i].value, what[w]) == 0;
        if (!n)
            continue;
        if (w == 2 && n < s->group.n && n > 0) {
            fprintf(s->out, "%sno to the others", sep);
            sep = "; ";
            continue;
        }
        fprintf(s->out, "%s%s ", sep, head[w]);
        int k = 0;
        for (int i = 0; i < s->group.n; i++)
            if (strcmp(picks[i].value, what[w]) == 0)
                fprintf(s->out, "%s%d", k++ == 0 ? "" : k == n ? " and " : ", ", i + 1);
        sep = "; ";
    }
    fprintf(s->out, ".\n");
}

int tp_ss_group_line(tp_session *s, const char *line)
{
    if (!s->cur || s->group.n == 0 || s->group.q[0] > (int)(s->cur - s->kb->questions) ||
        tp_kb_group_of(s->kb, s->group.q[0]) !=
            tp_kb_group_of(s->kb, (int)(s->cur - s->kb->questions)))
        return 0;
    if (strcmp(line, "?") == 0) {
        const tp_group *g = tp_kb_group_of(s->kb, s->group.q[0]);
        fprintf(s->out, "%s\n", g->help[0] ? g->help : g->prompt);
        fprintf(s->out, "Type ? and a number to hear more about one item (e.g. ? 2).\n");
        return 1;
    }
    tp_group_pick picks[TP_GROUP_MAX];
    int help = -1;
    tp_error err = {{0}};
    int rv = tp_group_expand(s->kb, s->group.q, s->group.n, line, picks, &help, &err);
    if (rv == 1) {
        item_help(s, help);
        return 1;
    }
    if (rv < 0) {
        fprintf(s->out, "%s%s%s\n", tp_ss_sgr(s, SS_YELLOW), err.msg, tp_ss_sgr(s, SS_OFF));
        fprintf(s->out, "Please type the numbers of those that apply, or 0 for none (or ? for "
                        "help).\n");
        return 1;
    }
    for (int i = 0; i < s->group.n; i++)
        if (tp_case_answer_text(&s->answers, s->kb, s->kb->questions[picks[i].q].id, picks[i].value,
                                0, &err) != 0) {
            fprintf(s->out, "%s\n", err.msg); /* not reached: the values are the question's */
            return 1;
        }
    say_noted(s, picks);
    for (int i = 0; i < s->group.n; i++) { /* how each unsure item counts */
        const tp_question *q = &s->kb->questions[picks[i].q];
        if (strcmp(picks[i].value, "unsure") == 0 && q->unsure && q->unsure[0])
            fprintf(s->out, "  unsure about %d: %s\n", i + 1, q->unsure);
    }
    s->group.n = 0;
    s->forced = -1;
    s->settle = 1; /* session.c judges again and asks what is next */
    return 1;
}

int tp_ss_group_back(tp_session *s)
{
    if (s->opts.one_at_a_time || s->answers.nanswers < 2)
        return 0;
    int last = s->answers.answers[s->answers.nanswers - 1].q;
    const tp_group *g = tp_kb_group_of(s->kb, last);
    int k = 0;
    while (g && k < s->answers.nanswers &&
           tp_kb_group_of(s->kb, s->answers.answers[s->answers.nanswers - 1 - k].q) == g)
        k++;
    if (k < 2)
        return 0;
    for (int i = 0; i < k; i++) {
        int taken = s->answers.answers[s->answers.nanswers - 1].q;
        tp_case_forget(&s->answers, taken);
        tp_ss_diary_taken(s, taken);
    }
    fprintf(s->out, "Took back your answers to the list \"%s\".\n", g->title);
    s->forced = -1;
    s->settle = 1; /* session.c judges again and asks what is next */
    return 1;
}
