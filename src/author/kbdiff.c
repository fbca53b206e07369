/* kbdiff.c: judging the same cases with two knowledge bases and listing
 * what changes: what a reviewer reads before accepting an edit. When one
 * side has a question the other lacks, answers to it are set aside on the
 * side that does not know it (one note per question), and --assume ID=VALUE
 * answers it where a case file does not, so that only true changes show. */
#include "kbdiff.h"

#include "floor.h"

#include "compare.h"
#include "kbcheck.h"
#include "kbpolicy.h"
#include "triage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define DIFF_FILE_MAX (1u << 20)
#define MAX_ASSUME 32
#define MAX_MOVES 64

/* An answer given on the command line for cases that lack it. */
typedef struct {
    char id[128];      /* question id */
    const char *value; /* the value as written */
} assumption;

/* One side of the comparison. */
typedef struct {
    const char *dir;   /* knowledge-base folder */
    tp_triage *t;      /* loaded */
    const tp_kb *kb;   /* what the host reads of it */
    tp_case c;         /* the case parsed against this kb */
    tp_buf text;       /* the case text as this side reads it */
    tp_strset unknown; /* questions answered in case files that it lacks */
    int *set_aside;    /* per unknown question: cases whose answer was set aside */
    tp_strset expects; /* expect lines naming what it lacks and the other side has */
    int *expect_aside; /* per such line: cases whose line was set aside */
    int *unanswered;   /* per question: cases that leave it, only here, unanswered */
    int *assumed;      /* per question: cases given the assumed answer */
} side;

/* One move of level between the two sides, and how many cases made it. */
typedef struct {
    const char *from, *to; /* level ids (owned by the kbs) */
    int n;                 /* cases */
} move;

/* Totals for the summary and exit code. */
typedef struct {
    int cases;                /* judged with both */
    int changed;              /* with a difference */
    int levels;               /* with a different level */
    int bad;                  /* not read, parsed or judged */
    move moves[MAX_MOVES];    /* level moves, in order of first sight */
    int nmoves;               /* how many */
    const assumption *assume; /* --assume answers */
    int nassume;              /* how many */
} totals;

static int open_side(side *s)
{
    tp_error err = {{0}};
    if (!(s->t = tp_triage_open(s->dir, &err))) {
        tp_report("%s", err.msg);
        return -1;
    }
    s->kb = tp_triage_kb(s->t);
    tp_case_init(&s->c, "");
    s->unanswered = calloc((size_t)s->kb->nquestions, sizeof *s->unanswered);
    s->assumed = calloc((size_t)s->kb->nquestions, sizeof *s->assumed);
    return 0;
}

static void close_side(side *s)
{
    if (!s->t)
        return;
    tp_case_free(&s->c);
    tp_buf_free(&s->text);
    tp_strset_free(&s->unknown);
    free(s->set_aside);
    tp_strset_free(&s->expects);
    free(s->expect_aside);
    free(s->unanswered);
    free(s->assumed);
    tp_triage_close(s->t);
}

/* Counts one case's line set aside under key in set (counts parallel). */
static void count_aside(tp_strset *set, int **counts, const char *key)
{
    if (tp_strset_add(set, key)) {
        *counts = tp_xrealloc(*counts, (size_t)set->n * sizeof **counts);
        (*counts)[set->n - 1] = 0;
    }
    for (int u = 0; u < set->n; u++)
        (*counts)[u] += strcmp(set->v[u], key) == 0;
}

/* The case text as side s reads it: answers to questions it lacks, and
 * expect lines naming an id (or field) it lacks and the other side has (a
 * new case file's expectations of a new flag), become blank lines (line
 * numbers stay) and are counted; the assumed answers are added for its
 * questions that the text leaves out. */
static void side_text(side *s, const side *other, const char *text, size_t len, const totals *t)
{
    s->text.len = 0; /* keeps its memory */
    char *answered = calloc((size_t)s->kb->nquestions + 1, 1);
    for (size_t pos = 0; pos < len;) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - (text + pos)) : len - pos;
        char id[128], what[256], theirs[256];
        int q = -1;
        if (tp_symline_question(text + pos, n, id, sizeof id) &&
            (q = tp_kb_question_index(s->kb, id)) < 0) {
            count_aside(&s->unknown, &s->set_aside, id);
            tp_buf_puts(&s->text, "\n");
        } else if (tp_symline_unknown_expect(s->kb, text + pos, n, what, sizeof what) &&
                   !tp_symline_unknown_expect(other->kb, text + pos, n, theirs, sizeof theirs)) {
            count_aside(&s->expects, &s->expect_aside, what);
            tp_buf_puts(&s->text, "\n");
        } else {
            if (q >= 0)
                answered[q] = 1;
            tp_buf_add(&s->text, text + pos, n);
            tp_buf_puts(&s->text, "\n");
        }
        pos += n + (nl ? 1 : 0);
    }
    for (int q = 0; q < s->kb->nquestions; q++) {
        if (answered[q])
            continue;
        const char *id = s->kb->questions[q].id;
        int assumed = 0;
        for (int a = 0; a < t->nassume && !assumed; a++)
            if (strcmp(t->assume[a].id, id) == 0) {
                tp_buf_printf(&s->text, "%s = %s\n", id, t->assume[a].value);
                s->assumed[q]++;
                assumed = 1;
            }
        if (!assumed && tp_kb_question_index(other->kb, id) < 0)
            s->unanswered[q]++;
    }
    free(answered);
}

/* Parses and judges text with one side. */
static int judge_side(side *s, const char *path, tp_result *r)
{
    tp_error err = {{0}};
    tp_case_reset(&s->c, path);
    if (tp_symfile_parse(&s->c, s->kb, path, s->text.data, s->text.len, &err) != 0 ||
        tp_triage_case(s->t, &s->c, r, &err) != 0) {
        tp_report("%s (with %s)", err.msg, s->dir);
        return -1;
    }
    return 0;
}

/* Counts one case moving from level `from` to level `to`. */
static void count_move(totals *t, const char *from, const char *to)
{
    for (int i = 0; i < t->nmoves; i++)
        if (strcmp(t->moves[i].from, from) == 0 && strcmp(t->moves[i].to, to) == 0) {
            t->moves[i].n++;
            return;
        }
    if (t->nmoves < MAX_MOVES)
        t->moves[t->nmoves++] = (move){from, to, 1};
}

static void diff_file(side *sides, const char *path, totals *t)
{
    tp_error err = {{0}};
    size_t len;
    char *text = tp_read_file(path, DIFF_FILE_MAX, &len, &err);
    tp_result r0, r1;
    if (!text) {
        tp_report("%s", err.msg);
        t->bad++;
        return;
    }
    side_text(&sides[0], &sides[1], text, len, t);
    side_text(&sides[1], &sides[0], text, len, t);
    if (judge_side(&sides[0], path, &r0) != 0 || judge_side(&sides[1], path, &r1) != 0) {
        t->bad++;
        free(text);
        return;
    }
    t->cases++;
    tp_buf out = {0};
    if (tp_compare_results(&r0, &r1, "  ", 0, &out) > 0) {
        printf("%s:\n%s", path, out.data);
        t->changed++;
        if (r0.level && r1.level && strcmp(r0.level->id, r1.level->id) != 0) {
            t->levels++;
            count_move(t, r0.level->id, r1.level->id);
        }
    }
    tp_buf_free(&out);
    free(text);
}

static void diff_path(side *sides, const char *path, totals *t)
{
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        char **paths;
        int n;
        if (tp_sym_list(path, &paths, &n) != 0) {
            tp_report("%s: cannot open folder", path);
            t->bad++;
            return;
        }
        for (int i = 0; i < n; i++)
            diff_file(sides, paths[i], t);
        tp_sym_list_free(paths, n);
        return;
    }
    diff_file(sides, path, t);
}

/* Each --assume names a question of at least one side, with a value that
 * side allows. Reports the first that does not; returns -1 then. */
static int check_assumptions(side *sides, const assumption *as, int n)
{
    for (int a = 0; a < n; a++) {
        int known = 0;
        for (int k = 0; k < 2; k++) {
            if (tp_kb_question_index(sides[k].kb, as[a].id) < 0)
                continue;
            known = 1;
            tp_error err = {{0}};
            tp_case_reset(&sides[k].c, "--assume");
            if (tp_case_answer_text(&sides[k].c, sides[k].kb, as[a].id, as[a].value, 0, &err)) {
                tp_usage_error("diff", "--assume %s=%s: %s", as[a].id, as[a].value, err.msg);
                return -1;
            }
        }
        if (!known) {
            tp_usage_error("diff", "--assume %s: neither knowledge base has that question",
                           as[a].id);
            return -1;
        }
    }
    return 0;
}

/* One note per question: answers set aside, questions of one side left
 * unanswered, expect lines set aside, and what each --assume answered. */
static void print_notes(const side *sides, const totals *t)
{
    static const char *const name[2] = {"old", "new"};
    for (int k = 0; k < 2; k++) {
        const side *s = &sides[k];
        for (int u = 0; u < s->unknown.n; u++)
            printf("note: %d case%s answer %s, which the %s knowledge base (%s) does not know: "
                   "set aside there\n",
                   s->set_aside[u], s->set_aside[u] == 1 ? "" : "s", s->unknown.v[u], name[k],
                   s->dir);
        for (int u = 0; u < s->expects.n; u++)
            printf("note: %d case%s expect%s %s, which the %s knowledge base (%s) does not know: "
                   "that expect line set aside there (diff compares the two results, not the "
                   "expect lines)\n",
                   s->expect_aside[u], s->expect_aside[u] == 1 ? "" : "s",
                   s->expect_aside[u] == 1 ? "s" : "", s->expects.v[u], name[k], s->dir);
        for (int q = 0; q < s->kb->nquestions; q++)
            if (s->unanswered[q])
                printf("note: %d case%s leave %s, a question only the %s knowledge base has, "
                       "unanswered: judged so there (--assume %s=VALUE answers it)\n",
                       s->unanswered[q], s->unanswered[q] == 1 ? "" : "s", s->kb->questions[q].id,
                       name[k], s->kb->questions[q].id);
    }
    for (int a = 0; a < t->nassume; a++) {
        int n[2];
        for (int k = 0; k < 2; k++) {
            int q = tp_kb_question_index(sides[k].kb, t->assume[a].id);
            n[k] = q < 0 ? 0 : sides[k].assumed[q];
        }
        printf("note: --assume %s=%s answered %d case%s with the old knowledge base, %d with the "
               "new\n",
               t->assume[a].id, t->assume[a].value, n[0], n[0] == 1 ? "" : "s", n[1]);
    }
}

static int level_rank(const tp_kb *kb, const char *id)
{
    const tp_level *l = tp_kb_level(kb, id);
    return l ? l->rank : 0;
}

/* Prints every change to the safety floor, first and loudly; returns how
 * many floors were lowered or removed (*other: raised or added). */
static int diff_floor(side *sides, int *other)
{
    tp_policy p[2];
    for (int k = 0; k < 2; k++)
        tp_triage_policy(sides[k].t, &p[k]);
    tp_buf out = {0};
    int worse = 0;
    *other = 0;
    for (int i = 0; i < p[0].nfloors; i++) {
        const tp_flag *a = &p[0].floors[i], *b = tp_policy_floor(&p[1], a->kind, a->id);
        if (!b) {
            tp_buf_printf(&out, "  REMOVED %s %s (was %s)\n", a->kind, a->id, a->level);
            worse++;
        } else if (strcmp(a->level, b->level) != 0) {
            int lower = level_rank(sides[1].kb, b->level) > level_rank(sides[0].kb, a->level);
            tp_buf_printf(&out, "  %s %s %s: %s -> %s\n", lower ? "LOWERED" : "raised", a->kind,
                          a->id, a->level, b->level);
            worse += lower;
            *other += !lower;
        }
    }
    for (int i = 0; i < p[1].nfloors; i++) {
        const tp_flag *b = &p[1].floors[i];
        if (!tp_policy_floor(&p[0], b->kind, b->id)) {
            tp_buf_printf(&out, "  added %s %s: %s\n", b->kind, b->id, b->level);
            (*other)++;
        }
    }
    if (out.len) {
        printf("!!! SAFETY FLOOR CHANGED (facts/safety-floor.clp): %d lowered or removed, %d "
               "raised or added; the clinical lead must approve this !!!\n%s",
               worse, *other, out.data);
        tp_report("the safety floor changed: %d lowered or removed, %d raised or added", worse,
                  *other);
    }
    tp_buf_free(&out);
    tp_policy_free(&p[0]);
    tp_policy_free(&p[1]);
    return worse;
}

/* ---- what the knowledge base says, beside what it concludes -------------------- */

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

/* One content line, when a and b differ; safety-relevant ones are marked. */
static int content_line(tp_buf *out, int safety, const char *what, const char *a, const char *b)
{
    if (strcmp(or_empty(a), or_empty(b)) == 0)
        return 0;
    tp_buf_printf(out, "  %s%s: \"%s\" -> \"%s\"\n", safety ? "SAFETY " : "", what,
                  a ? a : "(none)", b ? b : "(none)");
    return 1;
}

static void rule_fact_text(const tp_rule_fact *f, int useful, char *out, size_t n)
{
    size_t used = (size_t)snprintf(out, n, "%s %s %s", useful ? f->level : f->kind,
                                   useful ? f->kind : f->id, f->question);
    for (int i = 0; i < f->nvalues && used < n; i++)
        used += (size_t)snprintf(out + used, n - used, "%s%s", i ? "|" : " = ", f->values[i]);
}

/* A set of policy facts as lines, to compare as sets. */
static void policy_lines(const tp_policy *p, tp_strset *set)
{
    char line[700];
    for (int i = 0; i < p->nneeds; i++) {
        char body[600];
        rule_fact_text(&p->needs[i], 0, body, sizeof body);
        snprintf(line, sizeof line, "requires %s", body);
        tp_strset_add(set, line);
    }
    for (int i = 0; i < p->nuseful; i++) {
        char body[600];
        rule_fact_text(&p->useful[i], 1, body, sizeof body);
        snprintf(line, sizeof line, "useful %s", body);
        tp_strset_add(set, line);
    }
    for (int i = 0; i < p->nforbids; i++) {
        snprintf(line, sizeof line, "forbids %s %s %s %s", p->forbids[i].kind, p->forbids[i].id,
                 p->forbids[i].other_kind, p->forbids[i].other_id);
        tp_strset_add(set, line);
    }
    for (int i = 0; i < p->nflags; i++) {
        snprintf(line, sizeof line, "flag-level %s %s %s", p->flags[i].kind, p->flags[i].id,
                 p->flags[i].level);
        tp_strset_add(set, line);
    }
}

/* Lists what the two knowledge bases say differently, beside what their
 * rules conclude: texts and doses, level titles and instructions, question
 * wording, safety and ask-below, kinds' roles, and the requires, forbids,
 * useful and flag-level facts. Safety-relevant lines are marked SAFETY.
 * Returns how many lines; *safety: how many of them are safety-relevant. */
static int diff_content(side *sides, int *safety)
{
    const tp_kb *a = sides[0].kb, *b = sides[1].kb;
    tp_buf out = {0};
    int n = 0, s0 = 0;
    char what[400];
    for (int i = 0; i < b->ntexts; i++) {
        const tp_text *y = &b->texts[i], *x = tp_kb_text(a, y->kind, y->id);
        snprintf(what, sizeof what, "text %s %s", y->kind, y->id);
        n += content_line(&out, 0, what, x ? x->text : NULL, y->text);
        snprintf(what, sizeof what, "dose %s %s", y->kind, y->id);
        n += content_line(&out, 0, what, x ? x->dose : NULL, y->dose);
    }
    for (int i = 0; i < a->ntexts; i++)
        if (!tp_kb_text(b, a->texts[i].kind, a->texts[i].id)) {
            snprintf(what, sizeof what, "text %s %s", a->texts[i].kind, a->texts[i].id);
            n += content_line(&out, 0, what, a->texts[i].text, NULL);
        }
    for (int i = 0; i < b->nlevels; i++) {
        const tp_level *y = &b->levels[i], *x = tp_kb_level(a, y->id);
        snprintf(what, sizeof what, "level %s title", y->id);
        n += content_line(&out, 0, what, x ? x->title : NULL, y->title);
        snprintf(what, sizeof what, "level %s instruction", y->id);
        int d = content_line(&out, 1, what, x ? x->todo : NULL, y->todo);
        n += d, s0 += d;
    }
    for (int i = 0; i < b->nquestions; i++) {
        const tp_question *y = &b->questions[i], *x = tp_kb_question(a, y->id);
        if (!x)
            continue;
        snprintf(what, sizeof what, "question %s wording", y->id);
        n += content_line(&out, 0, what, x->text, y->text);
        snprintf(what, sizeof what, "question %s safety", y->id);
        int d = content_line(&out, 1, what, x->safety ? "yes" : "no", y->safety ? "yes" : "no");
        snprintf(what, sizeof what, "question %s ask-below", y->id);
        d += content_line(&out, 1, what, x->ask_below, y->ask_below);
        snprintf(what, sizeof what, "question %s unsure", y->id);
        d += content_line(&out, 1, what, x->unsure, y->unsure);
        n += d, s0 += d;
    }
    for (int i = 0; i < b->nkinds; i++) {
        const tp_kind *y = &b->kinds[i], *x = tp_kb_kind(a, y->id);
        snprintf(what, sizeof what, "kind %s role", y->id);
        int d = content_line(&out, 1, what, x ? x->role : NULL, y->role);
        n += d, s0 += d;
    }
    tp_policy p[2];
    tp_strset l[2] = {{0}, {0}};
    for (int k = 0; k < 2; k++) {
        tp_triage_policy(sides[k].t, &p[k]);
        policy_lines(&p[k], &l[k]);
    }
    for (int k = 0; k < 2; k++)
        for (int i = 0; i < l[k].n; i++)
            if (!tp_strset_has(&l[1 - k], l[k].v[i])) {
                tp_buf_printf(&out, "  %s %s\n", k ? "added" : "SAFETY REMOVED", l[k].v[i]);
                n++, s0 += !k; /* an added fact asks more, never less */
            }
    for (int k = 0; k < 2; k++) {
        tp_policy_free(&p[k]);
        tp_strset_free(&l[k]);
    }
    if (n)
        printf("content: %d change%s beside the conclusions (%d SAFETY: what keeps advice out "
               "removed, levels' instructions, safety questions; these fail the diff)\n%s",
               n, n == 1 ? "" : "s", s0, out.data);
    tp_buf_free(&out);
    *safety = s0;
    return n;
}

static int usage(int nkb)
{
    if (nkb != 2)
        return tp_usage_error("diff", "give two knowledge bases: --kb OLD --kb NEW PATH...");
    return tp_usage_error("diff", "give the cases to judge: --kb OLD --kb NEW PATH...");
}

/* clang-format off */
static const tp_opt diff_options[] = {
    {'k', 0, "kb", "DIR...", "the old knowledge base, then the new one"},
    {'a', 0, "assume", "ID=VALUE...", "answer ID so in every case file that leaves it out"},
    {0, 0, NULL, NULL, NULL},
};
/* clang-format on */

const tp_optspec tp_diff_spec = {
    "diff",
    "PATH...",
    "list the cases whose level or advice change between two knowledge bases",
    "Judges each symptom file (or each .sym file of a folder) with both knowledge\n"
    "bases (--kb OLD --kb NEW) and lists every case whose level or conclusions change.\n"
    "Any change to the safety floor (facts/safety-floor.clp) is printed first. Answers\n"
    "to a question one side lacks are set aside on that side (one note per question).\n"
    "--assume (repeatable) shows what a new question changes when so answered.\n"
    "Exit 0 no change, 1 some change (or a floor change), 2 a case could not be\n"
    "judged, 3 a knowledge base failed to load, 64 usage.\n",
    0,
    diff_options};

int tp_diff_main(int argc, char **argv)
{
    side sides[2];
    memset(sides, 0, sizeof sides);
    assumption assume[MAX_ASSUME];
    int nkb = 0, nassume = 0, key;
    tp_opts p;
    tp_opts_init(&p, &tp_diff_spec, argc, argv);
    while ((key = tp_opts_next(&p)) > 0) {
        if (key == 'k') {
            if (nkb == 2)
                return tp_usage_error("diff", "--kb given more than twice");
            sides[nkb++].dir = p.value;
        } else if (key == 'a') {
            const char *a = p.value;
            const char *eq = strchr(a, '=');
            if (!eq || eq == a || (size_t)(eq - a) >= sizeof assume[0].id)
                return tp_usage_error("diff",
                                      "--assume takes ID=VALUE, e.g. --assume "
                                      "new-question=no (got '%s')",
                                      a);
            if (nassume == MAX_ASSUME)
                return tp_usage_error("diff", "at most %d --assume", MAX_ASSUME);
            snprintf(assume[nassume].id, sizeof assume[nassume].id, "%.*s", (int)(eq - a), a);
            assume[nassume++].value = eq + 1;
        }
    }
    if (key != TP_OPTS_END)
        return tp_opts_exit(key);
    if (nkb != 2 || !p.noperands)
        return usage(nkb);
    if (open_side(&sides[0]) != 0 || open_side(&sides[1]) != 0) {
        close_side(&sides[0]);
        return TP_EXIT_KB;
    }
    if (check_assumptions(sides, assume, nassume) != 0) {
        close_side(&sides[0]);
        close_side(&sides[1]);
        return TP_EXIT_USAGE;
    }
    int floor_other, floor_worse = diff_floor(sides, &floor_other);
    tp_buf approval = {0};
    int unapproved = tp_floor_check(sides[1].t, &approval, NULL);
    if (unapproved) { /* the banner check and :reload show */
        fputs(approval.data, stdout);
        tp_report("the new knowledge base differs from its approved safety floor in %d place%s",
                  unapproved, unapproved == 1 ? "" : "s");
    }
    tp_buf_free(&approval);
    int content_safety;
    diff_content(sides, &content_safety);
    totals t;
    memset(&t, 0, sizeof t);
    t.assume = assume;
    t.nassume = nassume;
    for (int i = 0; i < p.noperands; i++)
        diff_path(sides, p.operands[i], &t);
    print_notes(sides, &t);
    printf("diff: %d case%s judged with both, %d changed (%d in level, %d otherwise), %d could "
           "not be judged%s\n",
           t.cases, t.cases == 1 ? "" : "s", t.changed, t.levels, t.changed - t.levels, t.bad,
           floor_worse + floor_other || unapproved ? "; THE SAFETY FLOOR CHANGED (see the top)"
           : content_safety ? "; SAFETY-RELEVANT CONTENT CHANGED (see the top)"
                            : "");
    if (t.nmoves) {
        printf("level moves (old -> new: cases):\n");
        for (int i = 0; i < t.nmoves; i++)
            printf("  %s -> %s: %d\n", t.moves[i].from, t.moves[i].to, t.moves[i].n);
    }
    close_side(&sides[0]);
    close_side(&sides[1]);
    if (t.bad)
        return TP_EXIT_BAD_INPUT;
    return t.changed || floor_worse || floor_other || unapproved || content_safety ? TP_EXIT_EXPECT
                                                                                   : TP_EXIT_OK;
}
