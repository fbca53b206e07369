/* session_explain.c: what the session says about the rules: why a question
 * is asked, how a conclusion was reached, why another was not, the summary,
 * the urgent notice, and the Markdown report. */
#include "explain.h"
#include "session_int.h"

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
    tp_explain x = {s->kb, &s->rules, s->judge, &s->result, s->opts.verbose || s->opts.show_ids};
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

void tp_ss_why(tp_session *s)
{
    if (!s->cur) {
        fprintf(s->out, "There is no question now. :how ID explains a conclusion.\n");
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
    if (tp_session_provisional(s))
        fprintf(s->out,
                "%sProvisional:%s %d question%s not answered yet count%s as unanswered (as "
                "tptriage batch counts them); answer %s for the final advice.\n",
                tp_ss_sgr(s, SS_YELLOW), tp_ss_sgr(s, SS_OFF), n, n == 1 ? "" : "s",
                n == 1 ? "s" : "", n == 1 ? "it" : "them");
}

void tp_ss_how(tp_session *s, const char *id)
{
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

void tp_ss_whynot(tp_session *s, const char *id)
{
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

void tp_ss_alert(tp_session *s, const tp_level *l)
{
    fprintf(s->out, "\n%s!! %s%s\n   %s\n", tp_ss_sgr(s, level_colour(l)), l->title,
            tp_ss_sgr(s, SS_OFF), l->todo);
    fprintf(s->out, "   (:how %s shows why.)\n", l->id);
}

static void summary_list(tp_session *s, const char *kind, const char *heading, int reasons)
{
    const char *last = NULL;
    int n = 0;
    for (int i = 0; i < s->result.nitems; i++) {
        const tp_conclusion *c = &s->result.items[i];
        if (strcmp(c->kind, kind) != 0 || (last && strcmp(last, c->id) == 0))
            continue;
        last = c->id;
        if (n++ == 0)
            fprintf(s->out, "%s%s%s\n", tp_ss_sgr(s, SS_BOLD), heading, tp_ss_sgr(s, SS_OFF));
        fprintf(s->out, "  - %s [%s]\n", c->text ? c->text->text : c->id, c->id);
        if (c->text && c->text->dose[0])
            fprintf(s->out, "      %s\n", c->text->dose);
        if (reasons)
            fprintf(s->out, "      %s\n", c->reason);
    }
}

void tp_ss_summary(tp_session *s)
{
    const tp_result *r = &s->result;
    const tp_level *l = r->level;
    fprintf(s->out, "\n%s==== %s%s ====%s\n", tp_ss_sgr(s, level_colour(l)),
            l ? l->title : "No level reached", tp_session_provisional(s) ? " (provisional)" : "",
            tp_ss_sgr(s, SS_OFF));
    provisional_note(s);
    if (l)
        fprintf(s->out, "%s\n", l->todo);
    if (r->stop_pressing) {
        const tp_text *t = tp_kb_text(s->kb, "stop-pressing", "stop_pressing");
        fprintf(s->out, "%s!! %s%s\n", tp_ss_sgr(s, SS_RED), t ? t->text : "Stop pressing.",
                tp_ss_sgr(s, SS_OFF));
    }
    for (int i = 0; i < s->kb->nkinds; i++) {
        const tp_kind *k = &s->kb->kinds[i];
        if (k->summary[0]) {
            char heading[160];
            snprintf(heading, sizeof heading, "%s:", k->summary);
            summary_list(s, k->id, heading, k->reasons);
        }
    }
    if (r->nunanswered) {
        fprintf(s->out, "Not answered:");
        for (int i = 0; i < r->nunanswered; i++)
            fprintf(s->out, " %s", r->unanswered[i]->id);
        fputc('\n', s->out);
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
    fprintf(s->out, "(:how ID explains any [ID] above; :report FILE writes it down; :quit "
                    "ends.)\n");
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
    int n = 0;
    for (int i = 0; i < s->result.nitems; i++) {
        const tp_conclusion *c = &s->result.items[i];
        char src[512];
        if (strcmp(c->kind, kind) != 0)
            continue;
        if (n++ == 0)
            tp_buf_printf(out, "\n## %s\n\n", heading);
        tp_buf_puts(out, "- **");
        md(out, c->text ? c->text->text : c->id);
        tp_buf_printf(out, "** (`%s`)", c->id);
        if (c->text && c->text->dose[0]) {
            tp_buf_puts(out, ". Dose: ");
            md(out, c->text->dose);
        }
        tp_buf_puts(out, "\n  - Reason: ");
        md(out, c->reason);
        tp_buf_printf(out, " (rule `%s`", c->rule);
        if (c->at_level)
            tp_buf_printf(out, "; at level `%s`", c->at_level->id);
        for (int k = 0; k < c->nbecause; k++)
            tp_buf_printf(out, "%s`%s = %s`", k ? ", " : "; because ", c->because[k].question,
                          c->because[k].answer);
        tp_buf_puts(out, ")\n  - Source: ");
        md(out, source_words(s->kb, c->source_id, src, sizeof src));
        const tp_source *so = c->source_id ? tp_kb_source(s->kb, c->source_id) : NULL;
        if (so && (*so->url || *so->citation)) {
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
    tp_buf_printf(out, "** (`%s`)\n", l ? l->id : "none");
    if (tp_session_provisional(s))
        tp_buf_printf(out,
                      "- Status: **Provisional**: the interview was not finished; %d question%s "
                      "not answered count%s as unanswered (as `tptriage batch` counts them). "
                      "This is not the final advice.\n",
                      s->result.nunanswered, s->result.nunanswered == 1 ? "" : "s",
                      s->result.nunanswered == 1 ? "s" : "");
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
        tp_buf_printf(out, " (`%s`) | ", s->kb->questions[a->q].id);
        md(out, v);
        tp_buf_puts(out, " |\n");
    }
    for (int i = 0; i < s->result.nunanswered; i++)
        tp_buf_printf(out, "| `%s` | (not answered) |\n", s->result.unanswered[i]->id);
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
