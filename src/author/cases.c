/* cases.c: `tptriage cases add ID=VALUE... [PATH...]`: case files keep up
 * with the questions. When a question is added, every case file that does
 * not answer it gets the answer line, placed after the answer of the
 * question asked just before it (asking order), with every other line,
 * comment and blank line kept as it was. Each file is checked against the
 * knowledge base before it is written, and written atomically. */
#include "cases.h"

#include "case.h"
#include "kb.h"
#include "triage.h"
#include "kbcheck.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_ASSIGN 32

typedef struct {
    int q;             /* the question's index (asking order) */
    const char *id;    /* its id */
    const char *value; /* its answer as written on the command line */
} assign;

/* Adds the missing answers to one file's text into out. Returns how many
 * answers were added; *already counts the ones the file had. */
static int add_to_text(const tp_kb *kb, const char *text, size_t len, const assign *as, int nas,
                       tp_buf *out, int *already, int *at_line)
{
    int added = 0;
    tp_buf cur = {0};
    tp_buf_add(&cur, text, len);
    for (int a = 0; a < nas; a++) {
        /* Where to insert: after the last answer of a question asked
         * earlier (the knowledge base's order), else before the first answer, else before the first
         * expect line or at the end. */
        size_t insert = (size_t)-1, first_answer = (size_t)-1, first_other = (size_t)-1;
        int line = 0, insert_line = 0, first_line = 0, other_line = 0, found = 0;
        for (size_t pos = 0; pos < cur.len;) {
            const char *nl = memchr(cur.data + pos, '\n', cur.len - pos);
            size_t n = nl ? (size_t)(nl - (cur.data + pos)) : cur.len - pos;
            size_t next = pos + n + (nl ? 1 : 0);
            char id[128];
            line++;
            if (tp_symline_question(cur.data + pos, n, id, sizeof id)) {
                if (strcmp(id, as[a].id) == 0)
                    found = 1;
                int q = tp_kb_question_index(kb, id);
                if (first_answer == (size_t)-1) {
                    first_answer = pos;
                    first_line = line;
                }
                if (q >= 0 && q < as[a].q) {
                    insert = next;
                    insert_line = line + 1;
                }
            } else if (first_other == (size_t)-1 && first_answer == (size_t)-1 &&
                       strncmp(cur.data + pos + strspn(cur.data + pos, " \t"), "expect", 6) == 0) {
                first_other = pos;
                other_line = line;
            }
            pos = next;
        }
        if (found) {
            (*already)++;
            continue;
        }
        if (insert == (size_t)-1) {
            insert = first_answer != (size_t)-1  ? first_answer
                     : first_other != (size_t)-1 ? first_other
                                                 : cur.len;
            insert_line = first_answer != (size_t)-1  ? first_line
                          : first_other != (size_t)-1 ? other_line
                                                      : line + 1;
        }
        tp_buf next = {0};
        tp_buf_add(&next, cur.data, insert);
        if (insert > 0 && cur.data[insert - 1] != '\n')
            tp_buf_puts(&next, "\n");
        tp_buf_printf(&next, "%s = %s\n", as[a].id, as[a].value);
        tp_buf_add(&next, cur.data + insert, cur.len - insert);
        tp_buf_free(&cur);
        cur = next;
        if (!added)
            *at_line = insert_line;
        added++;
    }
    tp_buf_add(out, cur.data, cur.len);
    tp_buf_free(&cur);
    return added;
}

/* Adds the answers to one file; prints what it did. Returns 0, or -1 when
 * the file could not be read, checked or written. */
static int add_to_file(const tp_kb *kb, const char *path, const assign *as, int nas, int dry,
                       int *files_changed, int *answers_added, int *already)
{
    tp_error err = {{0}};
    size_t len;
    char *text = tp_read_file(path, TP_SYMFILE_MAX, &len, &err);
    if (!text) {
        tp_report("%s", err.msg);
        return -1;
    }
    tp_buf out = {0};
    int line = 0;
    int n = add_to_text(kb, text, len, as, nas, &out, already, &line);
    int rv = 0;
    if (n > 0) {
        tp_case c;
        tp_case_init(&c, path);
        if (tp_symfile_parse(&c, kb, path, out.data, out.len, &err) != 0) {
            tp_report("%s (left as it was; fix it, then run this again)", err.msg);
            rv = -1;
        } else if (!dry && tp_write_file_atomic(path, out.data, out.len, &err) != 0) {
            tp_report("%s", err.msg);
            rv = -1;
        } else {
            printf("%s:%d: %s %d answer%s\n", path, line, dry ? "would add" : "added", n,
                   n == 1 ? "" : "s");
            (*files_changed)++;
            *answers_added += n;
        }
        tp_case_free(&c);
    }
    tp_buf_free(&out);
    free(text);
    return rv;
}

static const char usage_text[] =
    "usage: tptriage cases add [--kb DIR] [--dry-run] ID=VALUE... [PATH...]\n"
    "Adds the answer ID = VALUE to every case file that does not answer ID yet, after the\n"
    "answer of the question asked just before it, keeping every other line. PATH is a .sym\n"
    "file or a folder of them (default: the knowledge base's facts/cases). Each file is\n"
    "checked against the knowledge base (--kb DIR) and written atomically.\n"
    "  --dry-run, -n  say what would change, change nothing\n";

static int usage(void)
{
    fputs(usage_text, stderr);
    return TP_EXIT_USAGE;
}

int tp_cases_main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(usage_text, stdout);
            return TP_EXIT_OK;
        }
    if (argc < 2 || strcmp(argv[1], "add") != 0)
        return usage();
    const char *kbdir = NULL;
    int dry = 0;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--kb") == 0 && i + 1 < argc)
            kbdir = argv[++i];
        else if (strncmp(argv[i], "--kb=", 5) == 0)
            kbdir = argv[i] + 5;
        else if (strcmp(argv[i], "--dry-run") == 0 || strcmp(argv[i], "-n") == 0)
            dry = 1;
        else if (argv[i][0] == '-' && argv[i][1])
            return tp_bad_option("cases add", argv[i], (const char *const[]){"--kb", NULL});
    }
    tp_triage *tri = NULL;
    const tp_kb *kb = NULL;
    tp_error err = {{0}};
    if (!(tri = tp_triage_open(kbdir, &err))) {
        tp_report("%s", err.msg);
        return TP_EXIT_KB;
    }
    kb = tp_triage_kb(tri);
    assign as[MAX_ASSIGN];
    int nas = 0, rc = TP_EXIT_OK;
    const char **paths = tp_xmalloc((size_t)argc * sizeof *paths);
    int npaths = 0;
    for (int i = 2; i < argc && rc == TP_EXIT_OK; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--kb") == 0) {
            i++;
            continue;
        }
        if (arg[0] == '-' && arg[1])
            continue;
        const char *eq = strchr(arg, '=');
        char id[128];
        if (eq && (size_t)(eq - arg) < sizeof id && !memchr(arg, '/', (size_t)(eq - arg))) {
            snprintf(id, sizeof id, "%.*s", (int)(eq - arg), arg);
            const tp_question *q = tp_kb_question(kb, id);
            if (!q) {
                rc = tp_usage_error("cases add",
                                    "'%s' is not a question of the knowledge base in %s "
                                    "(tptriage questions lists them)",
                                    id, kb->dir);
                break;
            }
            tp_case probe;
            tp_case_init(&probe, "command line");
            if (tp_case_answer_text(&probe, kb, id, eq + 1, 0, &err) != 0)
                rc = tp_usage_error("cases add", "%s=%s: %s", id, eq + 1, err.msg);
            tp_case_free(&probe);
            if (nas == MAX_ASSIGN)
                rc = tp_usage_error("cases add", "at most %d answers at once", MAX_ASSIGN);
            if (rc == TP_EXIT_OK)
                as[nas++] = (assign){tp_kb_question_index(kb, id), q->id, eq + 1};
        } else {
            paths[npaths++] = arg;
        }
    }
    if (rc == TP_EXIT_OK && nas == 0)
        rc = usage();
    char deflt[4096];
    if (rc == TP_EXIT_OK && npaths == 0) {
        snprintf(deflt, sizeof deflt, "%s/facts/cases", kb->dir);
        paths[npaths++] = deflt;
    }
    int files = 0, changed = 0, added = 0, already = 0, bad = 0;
    for (int p = 0; rc == TP_EXIT_OK && p < npaths; p++) {
        struct stat st;
        if (stat(paths[p], &st) != 0) {
            tp_report("%s: no such file or folder", paths[p]);
            bad++;
            continue;
        }
        char **list = NULL;
        int n = 0;
        if (S_ISDIR(st.st_mode)) {
            if (tp_sym_list(paths[p], &list, &n) != 0) {
                tp_report("%s: cannot read the folder", paths[p]);
                bad++;
                continue;
            }
        } else {
            list = tp_xmalloc(sizeof *list);
            list[0] = tp_xstrdup(paths[p]);
            n = 1;
        }
        for (int i = 0; i < n; i++) {
            files++;
            if (add_to_file(kb, list[i], as, nas, dry, &changed, &added, &already) != 0)
                bad++;
        }
        tp_sym_list_free(list, n);
    }
    if (rc == TP_EXIT_OK) {
        printf("cases add: %s %d answer%s to %d of %d case files; %d answer%s already there",
               dry ? "would add" : "added", added, added == 1 ? "" : "s", changed, files, already,
               already == 1 ? " was" : "s were");
        printf(bad ? "; %d file%s could not be changed\n" : "\n", bad, bad == 1 ? "" : "s");
        if (bad)
            rc = TP_EXIT_BAD_INPUT;
    }
    free(paths);
    tp_triage_close(tri);
    return rc;
}
