/* session.c: the interactive session (minimal: plain dialogue). */
#include "session.h"

#include "judge.h"
#include "output.h"

#include <stdio.h>
#include <string.h>

int tp_session_main(int argc, char **argv)
{
    const char *kbdir = NULL;
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--kb") == 0 && i + 1 < argc)
            kbdir = argv[++i];
    tp_kb kb;
    tp_engine *e;
    tp_error err = {{0}};
    if (tp_kb_open(&kb, tp_kb_locate(kbdir), &e, &err) != 0) {
        tp_report("%s", err.msg);
        return TP_EXIT_KB;
    }
    tp_judge *j = tp_judge_new(&kb, e);
    tp_case c;
    tp_case_init(&c, "session");
    char line[TP_LINE_MAX];
    const tp_question *q;
    if (tp_judge_start(j, &c, &err) != 0)
        return TP_EXIT_BAD_INPUT;
    while ((q = tp_judge_next(j)) != NULL) {
        printf("%s\n> ", q->text);
        fflush(stdout);
        if (!fgets(line, sizeof line, stdin))
            break;
        line[strcspn(line, "\n")] = 0;
        if (tp_case_answer_text(&c, &kb, q->id, line, 0, &err) != 0) {
            printf("%s\n", err.msg);
            continue;
        }
        tp_judge_start(j, &c, &err);
    }
    tp_judge_finish(j, &err);
    tp_result r;
    tp_judge_collect(j, &r);
    tp_buf out = {0};
    tp_output_case(TP_FMT_TEXT, &kb, "session", &r, &out);
    fputs(out.data, stdout);
    tp_buf_free(&out);
    tp_case_free(&c);
    tp_judge_free(j);
    tp_engine_free(e);
    tp_kb_close(&kb);
    return TP_EXIT_OK;
}
