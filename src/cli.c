/* cli.c: one table of commands drives dispatch and --help. */
#include "cli.h"

#include "batch.h"
#include "cases.h"
#include "diary.h"
#include "fhir.h"
#include "graph.h"
#include "triage.h"
#include "kb.h"
#include "floor.h"
#include "checkrun.h"
#include "kbdiff.h"
#include "serve.h"
#include "session.h"
#include "streams.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const tp_optspec *spec;            /* its name, options, operands and help line */
    int (*run)(int argc, char **argv); /* argv[0] is the command word */
} command;

static int cmd_help(int argc, char **argv);
static int cmd_version(int argc, char **argv);
static int cmd_questions(int argc, char **argv);
static int cmd_serve(int argc, char **argv);

static const tp_opt kb_only[] = {
    {'k', 0, "kb", "DIR", "the knowledge base in DIR (also $TPTRIAGE_KB)"},
    {0, 0, NULL, NULL, NULL},
};
static const tp_optspec questions_spec = {
    "questions",
    "[ID...]",
    "list questions: id, allowed answers, kind, text",
    "Lists the questions named (default: all), a line each: id, allowed answers,\n"
    "kind (one or multi, safety), text; tab-separated.\n",
    0,
    kb_only};
static const tp_optspec version_spec = {
    "version", "", "print the version and the knowledge-base hash and folder", NULL, 0, kb_only};
static const tp_opt help_options[] = {
    {'o', 0, "options", NULL, "list every command's options, a line each, for scripts"},
    {0, 0, NULL, NULL, NULL},
};
static const tp_optspec help_spec = {
    "help", "[COMMAND]", "show this help, or a command's (as COMMAND --help)",
    NULL,   0,           help_options};

/* The options before any command (then also those of the session). */
static const tp_opt before_command[] = {
    {'V', 'V', "version", NULL, "print the version and the knowledge-base hash"},
    {'k', 0, "kb", "DIR", "use the knowledge base in DIR (also $TPTRIAGE_KB)"},
    {0, 0, NULL, NULL, NULL},
};
static const tp_optspec global_spec = {"", "[COMMAND] [OPTIONS]", "", NULL, 1, before_command};

static const command commands[] = {
    {&tp_session_spec, tp_session_main},
    {&tp_batch_spec, tp_batch_main},
    {&tp_check_spec, tp_check_main},
    {&tp_diff_spec, tp_diff_main},
    {&tp_cases_spec, tp_cases_main},
    {&tp_floor_spec, tp_floor_main},
    {&tp_diary_spec, tp_diary_main},
    {&tp_serve_spec, cmd_serve},
    {&tp_graph_spec, tp_graph_main},
    {&tp_fhir_spec, tp_fhir_main},
    {&questions_spec, cmd_questions},
    {&version_spec, cmd_version},
    {&help_spec, cmd_help},
};
#define NCOMMANDS (sizeof commands / sizeof *commands)

/* The command word: the first word of the spec's name ("cases add"). */
static const char *command_word(const command *c, char *out, size_t n)
{
    snprintf(out, n, "%.*s", (int)strcspn(c->spec->name, " "), c->spec->name);
    return out;
}

/* Every option of every command, "CMD --name VALUE" a line each ("tptriage"
 * for the options before a command): read by the completion and the man
 * page check. */
static void list_options(void)
{
    char word[32];
    tp_opts_list(&global_spec, "tptriage", stdout);
    for (size_t i = 0; i < NCOMMANDS; i++)
        tp_opts_list(commands[i].spec, command_word(&commands[i], word, sizeof word), stdout);
}

static int cmd_help(int argc, char **argv)
{
    tp_opts p;
    int key, list = 0;
    tp_opts_init(&p, &help_spec, argc, argv);
    while ((key = tp_opts_next(&p)) > 0)
        list = 1; /* --options */
    if (key != TP_OPTS_END)
        return tp_opts_exit(key);
    if (list) {
        list_options();
        return TP_EXIT_OK;
    }
    if (p.noperands) {
        char word[32];
        for (size_t i = 0; i < NCOMMANDS; i++)
            if (strcmp(p.operands[0], command_word(&commands[i], word, sizeof word)) == 0) {
                tp_opts_usage(commands[i].spec, stdout);
                return TP_EXIT_OK;
            }
        return tp_usage_error("help", "unknown command '%s'", p.operands[0]);
    }
    printf("tptriage %s: rule-based triage and self-care advice, with reasons and sources.\n"
           "General information, not a diagnosis.\n\n"
           "usage: tptriage [COMMAND] [OPTIONS]\n\n",
           TP_VERSION);
    for (size_t i = 0; i < NCOMMANDS; i++) {
        char syn[2048], word[32];
        const tp_optspec *sp = commands[i].spec;
        command_word(&commands[i], word, sizeof word);
        /* "cases add [--kb DIR] ...": the words after the command word first */
        const char *sub = sp->name + strlen(word) + (sp->name[strlen(word)] == ' ');
        int len = snprintf(syn, sizeof syn, "%s%s", sub, *sub ? " " : "");
        tp_opts_synopsis(sp, syn + len, sizeof syn - (size_t)len);
        tp_opts_wrap(stdout, word, syn, 2, 13);
        printf("%13s%s\n", "", sp->help);
    }
    printf("\noptions:\n");
    tp_opts_table(&global_spec, stdout);
    printf("\nexit codes: 0 fine, 1 an expectation failed, 2 bad input, 3 knowledge base "
           "failed to load,\n            64 usage, 130 interrupted\n"
           "\n'tptriage COMMAND --help' shows a command's options; 'man tptriage' shows all.\n");
    return TP_EXIT_OK;
}

/* Under the version line (the program links GNU readline: GPL-3.0-or-later). */
static const char licence[] =
    "Copyright (C) 2025-2026 tptriage maintainers\n"
    "Licence GPL-3.0-or-later <https://www.gnu.org/licenses/gpl-3.0.html>: you may\n"
    "change and redistribute it. There is NO WARRANTY, to the extent permitted by law.\n";

static int cmd_version(int argc, char **argv)
{
    tp_triage *tri = NULL;
    const tp_kb *kb = NULL;
    tp_error err = {{0}};
    const char *kbdir = NULL;
    tp_opts p;
    int key;
    tp_opts_init(&p, &version_spec, argc, argv);
    while ((key = tp_opts_next(&p)) > 0)
        kbdir = p.value; /* --kb */
    if (key != TP_OPTS_END)
        return tp_opts_exit(key);
    const char *dir = tp_kb_locate(kbdir);
    if (!(tri = tp_triage_open(dir, &err))) {
        printf("tptriage %s (knowledge base not loaded)\n%s", TP_VERSION, licence);
        tp_report("%s", err.msg);
        return TP_EXIT_KB;
    }
    kb = tp_triage_kb(tri);
    printf("tptriage %s (knowledge base %s, %s)\n", TP_VERSION, kb->hash, kb->dir);
    printf("rules image: %s (%s)\n", kb->image ? kb->image : "none", kb->image_note);
    fputs(licence, stdout);
    tp_triage_close(tri);
    return TP_EXIT_OK;
}

static int cmd_serve(int argc, char **argv)
{
    return tp_serve_main(argc, argv, TP_VERSION);
}

/* Whether question id is to be listed: named, or no id named at all. */
static int wanted(const tp_opts *p, const char *id)
{
    for (int i = 0; i < p->noperands; i++)
        if (strcmp(p->operands[i], id) == 0)
            return 1;
    return p->noperands == 0;
}

static int cmd_questions(int argc, char **argv)
{
    tp_triage *tri = NULL;
    const tp_kb *kb = NULL;
    tp_error err = {{0}};
    const char *kbdir = NULL;
    tp_opts p;
    int key;
    tp_opts_init(&p, &questions_spec, argc, argv);
    while ((key = tp_opts_next(&p)) > 0)
        kbdir = p.value; /* --kb */
    if (key != TP_OPTS_END)
        return tp_opts_exit(key);
    if (!(tri = tp_triage_open(kbdir, &err))) {
        tp_report("%s", err.msg);
        return TP_EXIT_KB;
    }
    kb = tp_triage_kb(tri);
    for (int i = 0; i < p.noperands; i++)
        if (!tp_kb_question(kb, p.operands[i])) {
            tp_report("unknown question '%s' (tptriage questions lists them)", p.operands[i]);
            tp_triage_close(tri);
            return TP_EXIT_USAGE;
        }
    for (int i = 0; i < kb->nquestions; i++) {
        const tp_question *q = &kb->questions[i];
        if (!wanted(&p, q->id))
            continue;
        printf("%s\t", q->id);
        if (q->kind == TP_Q_NUMBER)
            printf("%lld..%lld", q->min, q->max);
        for (int k = 0; k < q->nvalues; k++)
            printf("%s%s", k ? "," : "", q->values[k]);
        printf("\t%s%s\t%s\n", q->kind == TP_Q_MULTI ? "multi" : "one", q->safety ? ",safety" : "",
               q->text);
    }
    tp_triage_close(tri);
    return TP_EXIT_OK;
}

/* Takes the options that come before any command: --kb DIR (for every
 * command, through $TPTRIAGE_KB), -h and -V. Returns how many arguments it
 * took, or -1 on a mistake. */
static int global_options(int argc, char **argv)
{
    int i = 1;
    while (i < argc) {
        if (strcmp(argv[i], "--kb") == 0) {
            if (i + 1 >= argc)
                return tp_report("--kb needs a value (tptriage --help)"), -1;
            setenv("TPTRIAGE_KB", argv[i + 1], 1);
            i += 2;
        } else if (strncmp(argv[i], "--kb=", 5) == 0) {
            setenv("TPTRIAGE_KB", argv[i] + 5, 1);
            i++;
        } else {
            break;
        }
    }
    return i - 1;
}

static int run_main(int argc, char **argv)
{
    int taken = global_options(argc, argv);
    if (taken < 0)
        return TP_EXIT_USAGE;
    argv[taken] = argv[0];
    argc -= taken;
    argv += taken;
    if (argc > 1 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0))
        return cmd_help(argc - 1, argv + 1);
    if (argc > 1 && (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0))
        return cmd_version(argc - 1, argv + 1);
    if (argc > 1 && argv[1][0] != '-') {
        char word[32];
        for (size_t i = 0; i < NCOMMANDS; i++)
            if (strcmp(argv[1], command_word(&commands[i], word, sizeof word)) == 0)
                return commands[i].run(argc - 1, argv + 1);
        tp_report("unknown command '%s' (tptriage --help lists them)", argv[1]);
        return TP_EXIT_USAGE;
    }
    /* no command: a session, with any options given */
    argv[0] = "session";
    return tp_session_main(argc, argv);
}

int tp_main(int argc, char **argv)
{
    tp_streams_init();
    return tp_streams_finish(run_main(argc, argv));
}
