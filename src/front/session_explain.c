/* session_explain.c: what the session says about the rules: why a question
 * is asked, how a conclusion was reached, why another was not, the summary,
 * the urgent notice, and the Markdown report. */
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

static const tp_srule *rule_named(const tp_session *s, const char *name)
{
    for (int i = 0; i < s->nrules; i++)
        if (strcmp(s->rules[i].name, name) == 0)
            return &s->rules[i];
    return NULL;
}

/* "red-flag" -> "red flag" */
static const char *kind_words(const char *kind, char *out, size_t len)
{
    snprintf(out, len, "%s", kind);
    for (char *p = out; *p; p++)
        if (*p == '-' || *p == '_')
            *p = ' ';
    return out;
}

struct flag_find {
    tp_engine *e;      /* the engine */
    const char *kind;  /* red-flag or contraindication */
    const char *id;    /* its id */
    const char *level; /* the level it calls for, once found */
};

static int find_flag(void *ud, tp_fact *f)
{
    struct flag_find *w = ud;
    const char *k = tp_fact_str(w->e, f, "kind"), *id = tp_fact_str(w->e, f, "id");
    if (k && id && strcmp(k, w->kind) == 0 && strcmp(id, w->id) == 0) {
        w->level = tp_fact_str(w->e, f, "level");
        return 1;
    }
    return 0;
}

/* A rule's conclusion in words: "red flag: Numbness ... (calls for: ...)". */
static void conclusion_words(const tp_session *s, const tp_srule *r, char *out, size_t len)
{
    char kw[64];
    if (r->asks) {
        snprintf(out, len, "the question %s is asked", r->asks);
        return;
    }
    if (!r->kind || !r->id) {
        snprintf(out, len, "rule %s", r->name);
        return;
    }
    if (strcmp(r->kind, "level") == 0) {
        const tp_level *l = tp_kb_level(&s->kb, r->id);
        snprintf(out, len, "level \"%s\" [%s]", l ? l->title : r->id, r->id);
        return;
    }
    const tp_text *t = tp_kb_text(&s->kb, r->kind, r->id);
    size_t used = (size_t)snprintf(out, len, "%s \"%s\" [%s]", kind_words(r->kind, kw, sizeof kw),
                                   t ? t->text : r->id, r->id);
    struct flag_find w = {s->engine, r->kind, r->id, NULL};
    tp_engine_each(s->engine, "flag-level", find_flag, &w);
    const tp_level *l = w.level ? tp_kb_level(&s->kb, w.level) : NULL;
    if (l && used < len)
        snprintf(out + used, len - used, ", which calls for \"%s\"", l->title);
}

void tp_ss_disclaimer(tp_session *s)
{
    for (int i = 0; i < s->kb.ntexts; i++)
        if (strcmp(s->kb.texts[i].kind, "disclaimer") == 0)
            fprintf(s->out, "  %s%s%s\n", tp_ss_sgr(s, SS_DIM), s->kb.texts[i].text,
                    tp_ss_sgr(s, SS_OFF));
}

/* ---- why ------------------------------------------------------------------------ */

static void why_asked(tp_session *s, const tp_question *q)
{
    fprintf(s->out, "Why this question now:\n");
    for (int i = 0; q->conditional && i < s->nrules; i++) {
        const tp_srule *r = &s->rules[i];
        if (r->asks && strcmp(r->asks, q->id) == 0)
            fprintf(s->out, "  %s (rule %s)\n", r->comment, r->name);
    }
    const tp_level *l = q->ask_below ? tp_kb_level(&s->kb, q->ask_below) : NULL;
    if (!q->conditional && l)
        fprintf(s->out,
                "  Its answer can still change the outcome: it is asked while the level so far "
                "is less urgent than \"%s\".\n",
                l->title);
}

/* The values of q that condition c admits, as "yes or unsure". */
static int admitted(const tp_question *q, const char *c, char *out, size_t len, int *seen)
{
    size_t used = 0;
    int n = 0;
    out[0] = 0;
    for (int v = 0; v < q->nvalues; v++) {
        if (tp_srule_admits(c, q->values[v]) != 1)
            continue;
        seen[v] = 1;
        used += (size_t)snprintf(out + used, len - used, "%s%s", n ? " or " : "", q->values[v]);
        n++;
        if (used >= len)
            break;
    }
    return n;
}

/* One rule that reads the answer to q: what the answer would lead to. */
static void why_rule(tp_session *s, const tp_question *q, const tp_srule *r, int k, int *seen)
{
    char when[512], what[768], src[512];
    const char *c = r->conds[k];
    if (q->kind == TP_Q_NUMBER || strncmp(c, "(not ", 5) == 0) {
        tp_srule_plain(c, when, sizeof when);
    } else {
        char vals[400];
        if (admitted(q, c, vals, sizeof vals, seen) == 0)
            return;
        snprintf(when, sizeof when, "%s", vals);
    }
    conclusion_words(s, r, what, sizeof what);
    fprintf(s->out, "  %s%s%s -> %s\n", tp_ss_sgr(s, SS_BOLD), when, tp_ss_sgr(s, SS_OFF), what);
    for (int o = 0; o < r->nconds; o++) {
        char plain[512];
        if (o == k)
            continue;
        tp_srule_plain(r->conds[o], plain, sizeof plain);
        fprintf(s->out, "      together with: %s\n", plain);
    }
    fprintf(s->out, "      rule %s; source: %s\n", r->name,
            source_words(&s->kb, r->source, src, sizeof src));
}

void tp_ss_why(tp_session *s)
{
    const tp_question *q = s->cur;
    if (!q) {
        fprintf(s->out, "There is no question now. :how ID explains a conclusion.\n");
        return;
    }
    why_asked(s, q);
    fprintf(s->out, "What each answer would lead to:\n");
    int seen[TP_MAX_VALUES] = {0}, n = 0;
    for (int i = 0; i < s->nrules; i++) {
        const tp_srule *r = &s->rules[i];
        for (int k = 0; k < r->nconds; k++) {
            char qid[128];
            const char *about = tp_srule_question(r->conds[k], qid, sizeof qid);
            if (about && strcmp(about, q->id) == 0 && (r->kind || r->asks)) {
                why_rule(s, q, r, k, seen);
                n++;
            }
        }
    }
    for (int v = 0; v < q->nvalues; v++)
        if (!seen[v] && n)
            fprintf(s->out, "  %s -> nothing follows from this answer on its own\n", q->values[v]);
    if (n == 0)
        fprintf(s->out, "  No rule reads this answer directly.\n");
    const char *unanswered = q->safety ? tp_kb_wording(&s->kb, "safety-unanswered") : NULL;
    if (unanswered)
        fprintf(s->out, "  %s\n", unanswered);
}

/* ---- how ------------------------------------------------------------------------- */

static void how_one(tp_session *s, const tp_conclusion *c)
{
    char kw[64], src[512];
    const tp_srule *r = rule_named(s, c->rule);
    fprintf(s->out, "%s%s %s%s", tp_ss_sgr(s, SS_BOLD), kind_words(c->kind, kw, sizeof kw), c->id,
            tp_ss_sgr(s, SS_OFF));
    if (c->text)
        fprintf(s->out, ": %s", c->text->text);
    fprintf(s->out, "\n  rule %s%s%s\n", c->rule, r && r->comment[0] ? ": " : "",
            r ? r->comment : "");
    fprintf(s->out, "  reason: %s\n", c->reason);
    if (c->at_level)
        fprintf(s->out, "  at level: %s (:how %s explains it)\n", c->at_level->id, c->at_level->id);
    if (c->nbecause == 0 && !c->at_level)
        fprintf(s->out, "  because: no answer in particular (it holds while nothing rules it "
                        "out)\n");
    for (int k = 0; k < c->nbecause; k++)
        fprintf(s->out, "  %s %s = %s\n", k ? "       " : "because:", c->because[k].question,
                c->because[k].answer);
    fprintf(s->out, "  source: %s\n", source_words(&s->kb, c->source_id, src, sizeof src));
}

/* Whether two conclusions differ only in their reasons and answers (one
 * rule that fired once per answer: the unanswered safety questions). */
static int same_rule(const tp_conclusion *a, const tp_conclusion *b)
{
    return strcmp(a->kind, b->kind) == 0 && strcmp(a->rule, b->rule) == 0 &&
           strcmp(a->source_id, b->source_id) == 0 && a->at_level == b->at_level;
}

/* The same rule again: only its answers and reason, on one line. */
static void how_again(tp_session *s, const tp_conclusion *c)
{
    fprintf(s->out, "  and %s:", c->nbecause ? "because" : "again");
    for (int k = 0; k < c->nbecause; k++)
        fprintf(s->out, "%s %s = %s", k ? "," : "", c->because[k].question, c->because[k].answer);
    fprintf(s->out, " (%s)\n", c->reason);
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
    int n = 0;
    const tp_conclusion *last = NULL;
    for (int i = 0; i < s->result.nitems; i++) {
        const tp_conclusion *c = &s->result.items[i];
        if (strcmp(c->id, id) != 0)
            continue;
        if (last && same_rule(last, c))
            how_again(s, c);
        else
            how_one(s, c);
        last = c;
        n++;
    }
    if (n == 0)
        fprintf(s->out, "%s is not among the conclusions now; :whynot %s says why.\n", id, id);
}

/* ---- whynot ---------------------------------------------------------------------- */

static void whynot_rule(tp_session *s, const tp_srule *r)
{
    int sat = 0, total = 0;
    char src[512];
    fprintf(s->out, "Rule %s: %s\n", r->name, r->comment);
    if (tp_engine_rule_progress(s->engine, r->name, &sat, &total) != 0) {
        fprintf(s->out, "  (the engine does not know this rule)\n");
        return;
    }
    if (sat >= total) {
        fprintf(s->out, "  All %d of its conditions hold now.\n", total);
    } else if (total != r->nconds) {
        fprintf(s->out, "  Condition %d of %d does not hold.\n", sat + 1, total);
    } else {
        const char *c = r->conds[sat];
        char plain[512], qid[128];
        tp_srule_plain(c, plain, sizeof plain);
        fprintf(s->out, "  The first condition that fails (%d of %d): %s\n", sat + 1, total, c);
        fprintf(s->out, "  In words: %s\n", plain);
        const char *q = tp_srule_question(c, qid, sizeof qid);
        int qi = q ? tp_kb_question_index(&s->kb, q) : -1;
        if (qi >= 0) {
            const tp_answer *a = tp_case_find(&s->answers, qi);
            char v[512];
            if (a)
                tp_answer_format(a, v, sizeof v);
            fprintf(s->out, "  Your answer to %s: %s\n", q, a ? v : "not given");
        } else if (strstr(c, "(disposition ") && s->result.level) {
            fprintf(s->out, "  The level now: %s\n", s->result.level->id);
        }
    }
    fprintf(s->out, "  source: %s\n", source_words(&s->kb, r->source, src, sizeof src));
}

void tp_ss_whynot(tp_session *s, const char *id)
{
    for (int i = 0; i < s->result.nitems; i++)
        if (strcmp(s->result.items[i].id, id) == 0) {
            fprintf(s->out, "%s was reached; :how %s shows how.\n", id, id);
            return;
        }
    int n = 0;
    for (int i = 0; i < s->nrules; i++)
        if (s->rules[i].id && strcmp(s->rules[i].id, id) == 0) {
            whynot_rule(s, &s->rules[i]);
            n++;
        }
    if (n == 0)
        fprintf(s->out, "No rule concludes %s by name.\n", id);
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
        const tp_text *t = tp_kb_text(&s->kb, "stop-pressing", "stop_pressing");
        fprintf(s->out, "%s!! %s%s\n", tp_ss_sgr(s, SS_RED), t ? t->text : "Stop pressing.",
                tp_ss_sgr(s, SS_OFF));
    }
    for (int i = 0; i < s->kb.nkinds; i++) {
        const tp_kind *k = &s->kb.kinds[i];
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
    for (int i = 0; i < s->kb.ntexts; i++)
        if (strcmp(s->kb.texts[i].kind, "safety-net") == 0 &&
            tp_kb_text_shown(&s->kb, &s->kb.texts[i], l)) {
            if (nets++ == 0)
                fprintf(s->out, "%sSafety net:%s\n", tp_ss_sgr(s, SS_BOLD), tp_ss_sgr(s, SS_OFF));
            fprintf(s->out, "  - %s\n", s->kb.texts[i].text);
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
        md(out, source_words(&s->kb, c->source_id, src, sizeof src));
        const tp_source *so = c->source_id ? tp_kb_source(&s->kb, c->source_id) : NULL;
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
    const char *title = tp_kb_wording(&s->kb, "report-title");
    tp_buf_printf(out, "# %s\n\n", title ? title : "tptriage");
    tp_buf_printf(out, "- Date: %s\n- Knowledge base: `%s`\n", date, s->kb.hash);
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
    const char *stop = tp_kb_wording(&s->kb, "report-stop-pressing");
    if (s->result.stop_pressing && stop)
        tp_buf_printf(out, "- %s\n", stop);
    tp_buf_puts(out, "\n## Answers\n\n| Question | Answer |\n| --- | --- |\n");
    for (int i = 0; i < s->answers.nanswers; i++) {
        const tp_answer *a = &s->answers.answers[i];
        char v[1024];
        tp_answer_format(a, v, sizeof v);
        tp_buf_puts(out, "| ");
        md(out, s->kb.questions[a->q].text);
        tp_buf_printf(out, " (`%s`) | ", s->kb.questions[a->q].id);
        md(out, v);
        tp_buf_puts(out, " |\n");
    }
    for (int i = 0; i < s->result.nunanswered; i++)
        tp_buf_printf(out, "| `%s` | (not answered) |\n", s->result.unanswered[i]->id);
    for (int i = 0; i < s->kb.nkinds; i++)
        report_list(s, s->kb.kinds[i].id, s->kb.kinds[i].heading, out);
    tp_buf_puts(out, "\n---\n\n");
    for (int i = 0; i < s->kb.ntexts; i++)
        if (strcmp(s->kb.texts[i].kind, "disclaimer") == 0) {
            tp_buf_puts(out, "*");
            md(out, s->kb.texts[i].text);
            tp_buf_puts(out, "*\n");
        }
}
