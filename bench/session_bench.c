/* session_bench.c: answer-to-next-question time of the session core: each
 * call of tp_session_line with an answer judges the case again and prints
 * the next question (into /dev/null). Prints the figures; no pass or fail. */
#include "session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A self-care case that is asked every question, answered in the order the
 * rules ask (looked up by id, so that a new question needs only a line here). */
static const char *const answers[][2] = {
    {"saddle-numbness", "no"},
    {"bladder-bowel-change", "no"},
    {"both-legs", "no"},
    {"major-trauma", "no"},
    {"chest-pain-or-breathless", "no"},
    {"pain-below-knee", "no"},
    {"numbness", "no"},
    {"tingling", "no"},
    {"weakness", "no"},
    {"worse-after-release", "no"},
    {"sharp-pain-on-pressure", "no"},
    {"days-of-self-care", "4"},
    {"improving", "yes"},
    {"pain-persists", "no"},
    {"cancer-history", "no"},
    {"fever", "no"},
    {"weight-loss", "no"},
    {"night-pain", "no"},
    {"calf-swelling", "no"},
    {"back-lump", "no"},
    {"infection-risk", "no"},
    {"age", "52"},
    {"new-pain", "no"},
    {"blood-thinners", "no"},
    {"clot-treatment", "no"},
    {"osteoporosis", "no"},
    {"recent-injury", "no"},
    {"recent-surgery", "no"},
    {"hot-swollen", "no"},
    {"broken-skin", "no"},
    {"pregnant", "no"},
    {"pain-location", "hip-crest, deep-center"},
    {"sensitivity", "tolerates-deep"},
    {"first-time", "no"},
    {"equipment", "tennis-ball, foam-roller"},
    {"can-get-to-floor", "yes"},
    {"sits-long", "yes"},
};
#define NANSWERS (sizeof answers / sizeof *answers)

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 100;
    const char *kb = argc > 2 ? argv[2] : NULL;
    FILE *null = fopen("/dev/null", "w");
    double *t = malloc(sizeof *t * (size_t)rounds * NANSWERS);
    int n = 0;
    for (int r = 0; r < rounds; r++) {
        tp_session_opts o;
        memset(&o, 0, sizeof o);
        o.kbdir = kb;
        o.one_at_a_time = 1; /* one answer per line, as the list below gives them */
        tp_error err = {{0}};
        tp_session *s = tp_session_new(&o, null, &err);
        if (!s) {
            fprintf(stderr, "session_bench: %s\n", err.msg);
            return 1;
        }
        tp_session_begin(s);
        for (size_t k = 0; k < NANSWERS && tp_session_current(s); k++) {
            const tp_question *q = tp_session_current(s);
            size_t i = 0;
            while (i < NANSWERS && strcmp(q->id, answers[i][0]) != 0)
                i++;
            if (i == NANSWERS) {
                fprintf(stderr, "session_bench: no answer here for %s\n", q->id);
                return 1;
            }
            double t0 = tp_now();
            tp_session_line(s, answers[i][1]);
            t[n++] = (tp_now() - t0) * 1e3;
        }
        if (!tp_session_done(s)) {
            fprintf(stderr, "session_bench: the session did not finish\n");
            return 1;
        }
        tp_session_free(s);
    }
    qsort(t, (size_t)n, sizeof *t, cmp);
    double sum = 0;
    for (int i = 0; i < n; i++)
        sum += t[i];
    printf("answer-to-next-question over %d answers (%d sessions of %d):\n", n, rounds,
           n / (rounds ? rounds : 1));
    printf("  mean %.3f ms, median %.3f ms, p99 %.3f ms, max %.3f ms (target < 5 ms)\n", sum / n,
           t[n / 2], t[(int)(n * 0.99)], t[n - 1]);
    free(t);
    fclose(null);
    return 0;
}
