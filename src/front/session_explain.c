/* session_explain.c: what the session says about the rules: why a question
 * is asked, how a conclusion was reached, why another was not, the summary,
 * the urgent notice, and the Markdown report. */
#include "choices.h"
#include "explain.h"
#include "session_int.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *source_words(const tp_kb *kb, const char *id, char *out, size_t len)
{
    const tp_source *src = id ? tp_kb_source(kb, id) : NULL;
    if (src)
        snprintf(out, len, "\"%s\", %s", src->title, src->section);
    else
        snprintf(out, len, "%s", id && *id ? id : "none given");
    return out;
}

/* The explanation of the judgement now (plain, or verbose for clinicians). */
static tp_explain explainer(tp_session *s)
{
    tp_explain x = {s->kb,
                    s->rules,
                    s->t,
                    &s->result,
                    s->opts.verbose || s->opts.show_ids,
                    (const char *const *)s->diary.given};
    return x;
}

/* Writes an explanation out. */
static void put(tp_session *s, tp_buf *b)
{
    if (b->len)
        fwrite(b->data, 1, b->len, s->out);
    tp_buf_free(b);
}

void tp_ss_disclaimer(tp_session *s)
{
    for (int i = 0; i < s->kb->ntexts; i++)
        if (strcmp(s->kb->texts[i].kind, "disclaimer") == 0)
            fprintf(s->out, "  %s%s%s\n", tp_ss_sgr(s, SS_DIM), s->kb->texts[i].text,
                    tp_ss_sgr(s, SS_OFF));
}

/* ---- why, how, why not: explain.c -------------------------------------------------- */

/* The id an argument names: "3" is item 3 of the summary, else the id as
 * typed (ids stay a contract for clinicians), or a level's title ("possible
 * emergency"). NULL, said, when a number names no item. */
static const char *target(tp_session *s, const char *arg)
{
    size_t n = strspn(arg, "0123456789");
    if (n && !arg[n]) {
        const tp_conclusion *c = tp_ss_item(s, atoi(arg));
        if (!c)
            fprintf(s->out, "There is no item %s in the summary now (it numbers its items).\n",
                    arg);
        return c ? c->id : NULL;
    }
    char want[256], title[256];
    tp_fold(arg, want, sizeof want);
    for (int i = 0; i < s->kb->nlevels && *want; i++) {
        tp_fold(s->kb->levels[i].title, title, sizeof title);
        if (strcmp(want, title) == 0 && !tp_kb_level(s->kb, arg))
            return s->kb->levels[i].id;
    }
    const char *named = tp_explain_resolve(s->kb, s->rules, arg);
    return named ? named : arg;
}

void tp_ss_why(tp_session *s, const char *arg)
{
    if (*arg) { /* :why N: why item N was given */
        tp_ss_how(s, arg);
        return;
    }
    if (!s->cur) {
        fprintf(s->out, "There is no question now. %s\n",
                tp_ss_clinician(s) ? ":how ID explains a conclusion."
                                   : ":how N explains item N of the summary.");
        return;
    }
    tp_explain x = explainer(s);
    tp_buf b = {0};
    tp_explain_why(&x, s->cur, &b);
    put(s, &b);
}

/* The note that says the result shown is not the final one. */
static void provisional_note(tp_session *s)
{
    int n = s->result.nunanswered;
    if (tp_session_provisional(s) && tp_ss_clinician(s))
        fprintf(s->out,
                "%sProvisional:%s %d question%s not answered yet count%s as unanswered (as "
                "tptriage batch counts them); answer %s for the final advice.\n",
                tp_ss_sgr(s, SS_YELLOW), tp_ss_sgr(s, SS_OFF), n, n == 1 ? "" : "s",
                n == 1 ? "s" : "", n == 1 ? "it" : "them");
    else if (tp_session_provisional(s)) /* a person: what it means for them */
        fprintf(s->out,
                "%sProvisional:%s %d question%s not answered yet, so this advice stays on the "
                "safe side; answer %s for the final advice.\n",
                tp_ss_sgr(s, SS_YELLOW), tp_ss_sgr(s, SS_OFF), n, n == 1 ? " is" : "s are",
                n == 1 ? "it" : "them");
}

void tp_ss_how(tp_session *s, const char *arg)
{
    const char *id = target(s, arg);
    if (!id)
        return;
    provisional_note(s);
    if (!*id) {
        if (!s->result.level) {
            fprintf(s->out, "No level has been reached yet.\n");
            return;
        }
        id = s->result.level->id;
    }
    tp_explain x = explainer(s);
    tp_buf b = {0};
    tp_explain_how(&x, id, &b);
    put(s, &b);
}

void tp_ss_whynot(tp_session *s, const char *arg)
{
    const char *id = target(s, arg);
    if (!id)
        return;
    tp_explain x = explainer(s);
    tp_buf b = {0};
    tp_explain_whynot(&x, id, &b);
    put(s, &b);
}

/* ---- summary ----------------------------------------------------------------------- */

static const char *level_colour(const tp_level *l)
{
    return !l                           ? SS_BOLD
           : l->tone == TP_TONE_URGENT  ? SS_RED
           : l->tone == TP_TONE_CAUTION ? SS_YELLOW
                                        : SS_GREEN;
}

const tp_locale_call *tp_ss_call(const tp_session *s, const tp_level *l)
{
    return tp_kb_call(s->kb, tp_kb_locale_pick(s->kb, s->opts.locale), l);
}

void tp_ss_alert(tp_session *s, const tp_level *l)
{
    const tp_locale_call *call = tp_ss_call(s, l);
    fprintf(s->out, "\n%s!! %s%s%s%s\n", tp_ss_sgr(s, level_colour(l)), l->title, call ? ": " : "",
            call ? call->label : "", tp_ss_sgr(s, SS_OFF));
    fprintf(s->out, "   %s\n", l->todo);
    if (call && call->where[0])
        fprintf(s->out, "   %s\n", call->where);
    if (tp_ss_clinician(s))
        fprintf(s->out, "   (:how %s shows why.)\n", l->id);
    else /* :how alone explains the level */
        fprintf(s->out, "   (:how shows why.)\n");
}

/* The reason of c as a person reads it (the ids in it in words; as it is
 * for clinicians). */
static void reason_words(const tp_session *s, const tp_conclusion *c, tp_buf *out)
{
    if (tp_ss_clinician(s))
        tp_buf_puts(out, c->reason);
    else
        tp_explain_plain(s->kb, c->reason, out);
}

/* Walks the items of the summary in the order it lists them (the kinds
 * with a summary heading in the knowledge base's order; an id concluded
 * again right after itself once), numbering them from 1: calls each with its
 * number (when each is not NULL) and returns the item numbered want, or NULL. */
static const tp_conclusion *summary_walk(tp_session *s, int want,
                                         void (*each)(tp_session *, const tp_kind *,
                                                      const tp_conclusion *, int number, int first))
{
    int number = 0;
    for (int k = 0; k < s->kb->nkinds; k++) {
        const tp_kind *kind = &s->kb->kinds[k];
        const char *last = NULL;
        int first = 1;
        if (!kind->summary[0])
            continue;
        for (int i = 0; i < s->result.nitems; i++) {
            const tp_conclusion *c = &s->result.items[i];
            if (strcmp(c->kind, kind->id) != 0 || (last && strcmp(last, c->id) == 0))
                continue;
            last = c->id;
            if (++number == want)
                return c;
            if (each)
                each(s, kind, c, number, first);
            first = 0;
        }
    }
    return NULL;
}

const tp_conclusion *tp_ss_item(tp_session *s, int n)
{
    return n > 0 ? summary_walk(s, n, NULL) : NULL;
}

/* "  3. Text" (with --show-ids or --verbose "  3. Text [id]"), its dose and
 * reason below. */
static void summary_item(tp_session *s, const tp_kind *kind, const tp_conclusion *c, int number,
                         int first)
{
    if (first)
        fprintf(s->out, "%s%s:%s\n", tp_ss_sgr(s, SS_BOLD), kind->summary, tp_ss_sgr(s, SS_OFF));
    fprintf(s->out, "  %d. %s", number, c->text ? c->text->text : c->id);
    if (tp_ss_clinician(s))
        fprintf(s->out, " [%s]", c->id);
    fputc('\n', s->out);
    if (c->text && c->text->dose[0])
        fprintf(s->out, "      %s\n", c->text->dose);
    if (kind->reasons) {
        tp_buf b = {0};
        reason_words(s, c, &b);
        fprintf(s->out, "      %s\n", b.data ? b.data : "");
        tp_buf_free(&b);
    }
}

void tp_ss_summary(tp_session *s)
{
    const tp_result *r = &s->result;
    const tp_level *l = r->level;
    const tp_locale_call *call = tp_ss_call(s, l);
    /* the number to call, when the level needs one, on the first line */
    fprintf(s->out, "\n%s==== %s%s%s%s ====%s\n", tp_ss_sgr(s, level_colour(l)),
            l ? l->title : "No level reached", tp_session_provisional(s) ? " (provisional)" : "",
            call ? ": " : "", call ? call->label : "", tp_ss_sgr(s, SS_OFF));
    provisional_note(s);
    if (l)
        fprintf(s->out, "%s\n", l->todo);
    if (call && call->where[0])
        fprintf(s->out, "%s\n", call->where);
    if (r->stop_pressing) {
        const tp_text *t = tp_kb_text(s->kb, "stop-pressing", "stop_pressing");
        fprintf(s->out, "%s!! %s%s\n", tp_ss_sgr(s, SS_RED), t ? t->text : "Stop pressing.",
                tp_ss_sgr(s, SS_OFF));
    }
    summary_walk(s, 0, summary_item);
    int numbered = tp_ss_item(s, 1) != NULL;
    if (r->nunanswered && tp_ss_clinician(s)) { /* the ids, as batch lists them */
        fprintf(s->out, "Not answered:");
        for (int i = 0; i < r->nunanswered; i++)
            fprintf(s->out, " %s", r->unanswered[i]->id);
        fputc('\n', s->out);
    } else if (r->nunanswered) { /* in words, as the checklists or the questions say them */
        fprintf(s->out, "%sNot answered:%s\n", tp_ss_sgr(s, SS_BOLD), tp_ss_sgr(s, SS_OFF));
        for (int i = 0; i < r->nunanswered; i++)
            fprintf(s->out, "  - %s\n",
                    tp_ss_question_words(s, (int)(r->unanswered[i] - s->kb->questions)));
    }
    /* the safety net of the level, as batch shows it */
    int nets = 0;
    for (int i = 0; i < s->kb->ntexts; i++)
        if (strcmp(s->kb->texts[i].kind, "safety-net") == 0 &&
            tp_kb_text_shown(s->kb, &s->kb->texts[i], l)) {
            if (nets++ == 0)
                fprintf(s->out, "%sSafety net:%s\n", tp_ss_sgr(s, SS_BOLD), tp_ss_sgr(s, SS_OFF));
            fprintf(s->out, "  - %s\n", s->kb->texts[i].text);
        }
    tp_ss_disclaimer(s);
    if (tp_ss_clinician(s))
        fprintf(s->out, "(:how ID explains any [ID] above; :report FILE writes it down; :quit "
                        "ends.)\n");
    else
        fprintf(s->out, "(%s:how explains the advice; :report FILE writes it down; :quit ends.)\n",
                numbered ? ":how N explains item N above, " : "");
}

/* ---- the short plan ------------------------------------------------------------------- */

void tp_ss_plan(tp_session *s)
{
    const tp_result *r = &s->result;
    const tp_level *l = r->level;
    const char *heading = tp_kb_wording(s->kb, "plan-heading");
    if (!heading || !l) /* a knowledge base without a plan's words: the summary */
        return;
    const tp_locale_call *call = tp_ss_call(s, l);
    fprintf(s->out, "\n%s---- %s ----%s\n", tp_ss_sgr(s, SS_BOLD), heading, tp_ss_sgr(s, SS_OFF));
    fprintf(s->out, "%s%s%s%s%s\n", tp_ss_sgr(s, level_colour(l)), l->title, call ? ": " : "",
            call ? call->label : "", tp_ss_sgr(s, SS_OFF));
    fprintf(s->out, "  %s\n", l->todo);
    if (r->stop_pressing) {
        const tp_text *t = tp_kb_text(s->kb, "stop-pressing", "stop_pressing");
        if (t)
            fprintf(s->out, "  %s%s%s\n", tp_ss_sgr(s, SS_RED), t->text, tp_ss_sgr(s, SS_OFF));
    }
    /* the first treatment, with its dose */
    const tp_kind *treat = tp_kb_kind_role(s->kb, "treatment");
    const char *first = tp_kb_wording(s->kb, "plan-first");
    for (int i = 0; treat && first && i < r->nitems; i++) {
        const tp_conclusion *c = &r->items[i];
        if (strcmp(c->kind, treat->id) != 0)
            continue;
        fprintf(s->out, "%s: %s\n", first, c->text ? c->text->text : c->id);
        if (c->text && c->text->dose[0])
            fprintf(s->out, "  %s\n", c->text->dose);
        break;
    }
    /* when to stop: the first safety net of the level */
    const char *stop = tp_kb_wording(s->kb, "plan-stop");
    for (int i = 0; stop && i < s->kb->ntexts; i++)
        if (strcmp(s->kb->texts[i].kind, "safety-net") == 0 &&
            tp_kb_text_shown(s->kb, &s->kb->texts[i], l)) {
            fprintf(s->out, "%s: %s\n", stop, s->kb->texts[i].text);
            break;
        }
    const char *again = tp_kb_wording(s->kb, "plan-again");
    if (again)
        fprintf(s->out, "%s%s%s\n", tp_ss_sgr(s, SS_DIM), again, tp_ss_sgr(s, SS_OFF));
}

/* ---- report ------------------------------------------------------------------------- */

/* Markdown text with the characters that would break a table escaped. */
static void md(tp_buf *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '|' || *s == '*' || *s == '_' || *s == '`' || *s == '[' || *s == ']')
            tp_buf_add(out, "\\", 1);
        tp_buf_add(out, *s == '\n' ? " " : s, 1);
    }
}

static void report_list(const tp_session *s, const char *kind, const char *heading, tp_buf *out)
{
    int n = 0, ids = tp_ss_clinician(s);
    for (int i = 0; i < s->result.nitems; i++) {
        const tp_conclusion *c = &s->result.items[i];
        char src[512];
        if (strcmp(c->kind, kind) != 0)
            continue;
        if (n++ == 0)
            tp_buf_printf(out, "\n## %s\n\n", heading);
        const tp_level *lv = ids ? NULL : tp_kb_level(s->kb, c->id);
        tp_buf_puts(out, "- **");
        md(out, c->text ? c->text->text : lv && !strcmp(kind, "level") ? lv->title : c->id);
        tp_buf_puts(out, "**");
        if (ids)
            tp_buf_printf(out, " (`%s`)", c->id);
        if (c->text && c->text->dose[0]) {
            tp_buf_puts(out, ". Dose: ");
            md(out, c->text->dose);
        }
        tp_buf_puts(out, "\n  - Reason: ");
        tp_buf why = {0};
        reason_words(s, c, &why);
        md(out, why.data ? why.data : "");
        tp_buf_free(&why);
        if (ids) { /* the rule and the answers behind it, for clinicians */
            tp_buf_printf(out, " (rule `%s`", c->rule);
            if (c->at_level)
                tp_buf_printf(out, "; at level `%s`", c->at_level->id);
            for (int k = 0; k < c->nbecause; k++)
                tp_buf_printf(out, "%s`%s = %s`", k ? ", " : "; because ", c->because[k].question,
                              c->because[k].answer);
            tp_buf_puts(out, ")");
        }
        tp_buf_puts(out, "\n  - Source: ");
        md(out, source_words(s->kb, c->source_id, src, sizeof src));
        const tp_source *so = c->source_id ? tp_kb_source(s->kb, c->source_id) : NULL;
        /* a citation without a URL points the authors at their files: for
         * clinicians only */
        if (so && (*so->url || (ids && *so->citation))) {
            tp_buf_puts(out, "; ");
            md(out, *so->url ? so->url : so->citation);
        }
        if (so && *so->reviewed)
            tp_buf_printf(out, " (reviewed %s)", so->reviewed);
        tp_buf_puts(out, "\n");
    }
}

void tp_ss_report(const tp_session *s, tp_buf *out)
{
    char date[64];
    time_t now = time(NULL);
    strftime(date, sizeof date, "%Y-%m-%d %H:%M", localtime(&now));
    const tp_level *l = s->result.level;
    const char *title = tp_kb_wording(s->kb, "report-title");
    const tp_locale_call *call = tp_ss_call(s, l);
    if (call) { /* the number to call first */
        tp_buf_puts(out, "**");
        md(out, call->label);
        tp_buf_puts(out, "**");
        if (call->where[0]) {
            tp_buf_puts(out, " ");
            md(out, call->where);
        }
        tp_buf_puts(out, "\n\n");
    }
    tp_buf_printf(out, "# %s\n\n", title ? title : "tptriage");
    /* the level's banner, as the session showed it */
    tp_buf_puts(out, "> **");
    md(out, l ? l->title : "No level reached");
    tp_buf_puts(out, tp_session_provisional(s) ? " (provisional)**" : "**");
    if (l) {
        tp_buf_puts(out, ": ");
        md(out, l->todo);
    }
    tp_buf_puts(out, "\n\n");
    tp_buf_printf(out, "- Date: %s\n- Knowledge base: `%s`\n", date, s->kb->hash);
    tp_buf_puts(out, "- Level: **");
    md(out, l ? l->title : "none reached");
    if (tp_ss_clinician(s))
        tp_buf_printf(out, "** (`%s`)\n", l ? l->id : "none");
    else
        tp_buf_puts(out, "**\n");
    if (tp_session_provisional(s) && tp_ss_clinician(s))
        tp_buf_printf(out,
                      "- Status: **Provisional**: the interview was not finished; %d question%s "
                      "not answered count%s as unanswered (as `tptriage batch` counts them). "
                      "This is not the final advice.\n",
                      s->result.nunanswered, s->result.nunanswered == 1 ? "" : "s",
                      s->result.nunanswered == 1 ? "s" : "");
    else if (tp_session_provisional(s))
        tp_buf_printf(out,
                      "- Status: **Provisional**: the interview was not finished; %d question%s "
                      "not answered, so the advice stays on the safe side. This is not the "
                      "final advice.\n",
                      s->result.nunanswered, s->result.nunanswered == 1 ? " was" : "s were");
    else
        tp_buf_puts(out, "- Status: complete: every question the rules asked was answered.\n");
    if (l) {
        tp_buf_puts(out, "- What to do: ");
        md(out, l->todo);
        tp_buf_puts(out, "\n");
    }
    const char *stop = tp_kb_wording(s->kb, "report-stop-pressing");
    if (s->result.stop_pressing && stop)
        tp_buf_printf(out, "- %s\n", stop);
    tp_buf_puts(out, "\n## Answers\n\n| Question | Answer |\n| --- | --- |\n");
    for (int i = 0; i < s->answers.nanswers; i++) {
        const tp_answer *a = &s->answers.answers[i];
        char v[1024];
        tp_answer_format(a, v, sizeof v);
        tp_buf_puts(out, "| ");
        md(out, s->kb->questions[a->q].text);
        if (tp_ss_clinician(s)) {
            tp_buf_printf(out, " (`%s`) | ", s->kb->questions[a->q].id);
            md(out, v);
        } else { /* the answer by its label */
            char w[1024];
            tp_ss_answer_words(&s->kb->questions[a->q], v, w, sizeof w);
            tp_buf_puts(out, " | ");
            md(out, w);
        }
        tp_buf_puts(out, " |\n");
    }
    for (int i = 0; i < s->result.nunanswered; i++)
        if (tp_ss_clinician(s)) {
            tp_buf_printf(out, "| `%s` | (not answered) |\n", s->result.unanswered[i]->id);
        } else {
            tp_buf_puts(out, "| ");
            md(out, s->result.unanswered[i]->text);
            tp_buf_puts(out, " | (not answered) |\n");
        }
    for (int i = 0; i < s->kb->nkinds; i++)
        report_list(s, s->kb->kinds[i].id, s->kb->kinds[i].heading, out);
    /* the safety net of the level, as the summary shows it */
    int nets = 0;
    for (int i = 0; i < s->kb->ntexts; i++)
        if (strcmp(s->kb->texts[i].kind, "safety-net") == 0 &&
            tp_kb_text_shown(s->kb, &s->kb->texts[i], l)) {
            tp_buf_puts(out, nets++ == 0 ? "\n## Safety net\n\n- " : "- ");
            md(out, s->kb->texts[i].text);
            tp_buf_puts(out, "\n");
        }
    tp_buf_puts(out, "\n---\n\n");
    for (int i = 0; i < s->kb->ntexts; i++)
        if (strcmp(s->kb->texts[i].kind, "disclaimer") == 0) {
            tp_buf_puts(out, "*");
            md(out, s->kb->texts[i].text);
            tp_buf_puts(out, "*\n");
        }
}
