/* session_review.c: `:disagree`, the review loop. A clinician who disagrees
 * with the result says what it should have been (the level, a treatment
 * that should or should not appear); the session writes the answers so far
 * and those expectations as a symptom file into a review folder, where
 * `tptriage check --cases DIR` fails until the rules agree. Which kind of
 * conclusion is the treatment comes from the knowledge base (its role). */
#include "session_int.h"

#include "choices.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define REVIEW_DIR "review" /* the review folder when none is named */

static void ask_step(tp_session *s)
{
    const tp_kind *t = tp_kb_kind_role(s->kb, "treatment");
    switch (s->review.step) {
    case 1:
        fprintf(s->out, "What should the level have been? (");
        for (int i = 0; i < s->kb->nlevels; i++)
            fprintf(s->out, "%s%s", i ? ", " : "", s->kb->levels[i].id);
        fprintf(s->out, "; Enter: %s was right)\n",
                s->result.level ? s->result.level->id : "the level");
        break;
    case 2:
        fprintf(s->out, "Which %s should have been given? (an id; Enter: none)\n", t->id);
        break;
    case 3:
        fprintf(s->out, "Which %s should not have been given? (an id; Enter: none)\n", t->id);
        break;
    }
}

/* Writes the case; says where. */
static void write_case(tp_session *s)
{
    const tp_kind *t = tp_kb_kind_role(s->kb, "treatment");
    if (!*s->review.level && !*s->review.add && !*s->review.drop) {
        fprintf(s->out, "Nothing to record: the result stands as it is.\n");
        return;
    }
    if (mkdir(s->review.dir, 0755) != 0 && errno != EEXIST) {
        fprintf(s->out, "Could not make the review folder %s: %s\n", s->review.dir,
                strerror(errno));
        return;
    }
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    char stamp[32], path[1200];
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    struct stat st;
    for (int n = 1;; n++) {
        snprintf(path, sizeof path, "%s/disagree-%s-%d.sym", s->review.dir, stamp, n);
        if (lstat(path, &st) != 0)
            break;
    }
    tp_buf b = {0};
    tp_buf_printf(&b,
                  "# Written by :disagree (knowledge base %s): the rules gave level %s;\n"
                  "# a clinician expects what the expect lines say. tptriage check --cases "
                  "%s fails until the rules agree.\n",
                  s->kb->hash, s->result.level ? s->result.level->id : "none", s->review.dir);
    tp_symfile_write(&s->answers, s->kb, &b);
    tp_buf_puts(&b, "\n");
    if (*s->review.level)
        tp_buf_printf(&b, "expect disposition = %s\n", s->review.level);
    if (*s->review.add)
        tp_buf_printf(&b, "expect %s = %s\n", t->id, s->review.add);
    if (*s->review.drop)
        tp_buf_printf(&b, "expect %s != %s\n", t->id, s->review.drop);
    tp_error err = {{0}};
    if (tp_write_file_atomic(path, b.data, b.len, &err) != 0)
        fprintf(s->out, "Could not write the case: %s\n", err.msg);
    else
        fprintf(s->out,
                "Wrote %s. 'tptriage check --cases %s' fails until the rules give what it "
                "expects.\n",
                path, s->review.dir);
    tp_buf_free(&b);
}

tp_session_status tp_ss_disagree(tp_session *s, const char *arg)
{
    if (!tp_kb_kind_role(s->kb, "treatment") || s->kb->nlevels == 0) {
        fprintf(s->out, "This knowledge base has no treatment kind; :disagree cannot ask.\n");
        return TP_SESSION_MORE;
    }
    snprintf(s->review.dir, sizeof s->review.dir, "%s", *arg ? arg : REVIEW_DIR);
    s->review.level[0] = s->review.add[0] = s->review.drop[0] = 0;
    s->review.step = 1;
    fprintf(s->out, "Say what the result should have been; it goes into %s as a case file.\n",
            s->review.dir);
    ask_step(s);
    return TP_SESSION_MORE;
}

void tp_ss_disagree_line(tp_session *s, const char *line)
{
    const tp_kind *t = tp_kb_kind_role(s->kb, "treatment");
    char f[128];
    tp_fold(line, f, sizeof f);
    switch (s->review.step) {
    case 1:
        if (*f && !tp_kb_level(s->kb, f)) {
            fprintf(s->out, "'%s' is not a level.\n", line);
            ask_step(s);
            return;
        }
        snprintf(s->review.level, sizeof s->review.level, "%s", f);
        break;
    case 2:
    case 3:
        if (*f && !tp_kb_text(s->kb, t->id, f)) {
            fprintf(s->out, "'%s' is not a %s of this knowledge base.\n", line, t->id);
            ask_step(s);
            return;
        }
        snprintf(s->review.step == 2 ? s->review.add : s->review.drop, sizeof s->review.add, "%s",
                 f);
        break;
    }
    if (++s->review.step <= 3) {
        ask_step(s);
        return;
    }
    s->review.step = 0;
    write_case(s);
}
