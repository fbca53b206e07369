/* cli.c: one table of commands drives dispatch and --help. */
#include "cli.h"

#include "batch.h"
#include "cases.h"
#include "diary.h"
#include "graph.h"
#include "triage.h"
#include "kb.h"
#include "kbcheck.h"
#include "kbdiff.h"
#include "serve.h"
#include "session.h"
#include "streams.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *name;                  /* command word */
    const char *args;                  /* its arguments, for --help */
    const char *help;                  /* one line */
    int (*run)(int argc, char **argv); /* argv[0] is the command word */
} command;

static int cmd_help(int argc, char **argv);
static int cmd_version(int argc, char **argv);
static int cmd_questions(int argc, char **argv);
static int cmd_serve(int argc, char **argv);

static const command commands[] = {
    {"session", "[--show-ids] [--fresh] [--kb DIR]",
     "ask questions and explain the advice (the default)", tp_session_main},
    {"batch", "[--format text|json|tsv] [--check] [-j N] [--summary] [--kb DIR] PATH...",
     "judge symptom files, folders, JSON Lines or CSV files, or JSON Lines on stdin (-)",
     tp_batch_main},
    {"check", "[--kb DIR] [--cases DIR] [--coverage] [--combinations N] [-j N]",
     "check a knowledge base: loading, completeness, case files, safety", tp_check_main},
    {"diff", "--kb OLD --kb NEW PATH...",
     "list the cases whose level or advice change between two knowledge bases", tp_diff_main},
    {"cases", "add [--kb DIR] [--dry-run] ID=VALUE... [PATH...]",
     "add an answer to every case file that lacks it (after adding a question)", tp_cases_main},
    {"diary", "[--delete]", "list the check-ins kept at the end of sessions, with a pain chart",
     tp_diary_main},
    {"serve", "[--listen ADDR:PORT] [--threads N] [--kb DIR] [--log]",
     "serve the step API (JSON over HTTP) and the web page, on 127.0.0.1:8080", cmd_serve},
    {"graph", "[--kb DIR]", "print the rules as a Graphviz DOT graph", tp_graph_main},
    {"questions", "[--kb DIR] [ID...]", "list questions: id, allowed answers, kind, text",
     cmd_questions},
    {"version", "[--kb DIR]", "print the version and the knowledge-base hash and folder",
     cmd_version},
    {"help", "", "show this help", cmd_help},
};
#define NCOMMANDS (sizeof commands / sizeof *commands)

static int cmd_help(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    printf("tptriage %s: rule-based triage and self-care advice, with reasons and sources.\n"
           "General information, not a diagnosis.\n\n"
           "usage: tptriage [COMMAND] [OPTIONS]\n\n",
           TP_VERSION);
    for (size_t i = 0; i < NCOMMANDS; i++) {
        if (*commands[i].args)
            printf("  %-10s %s\n", commands[i].name, commands[i].args);
        else
            printf("  %s\n", commands[i].name);
        printf("             %s\n", commands[i].help);
    }
    printf("\noptions:\n"
           "  -h, --help     show this help\n"
           "  -V, --version  print the version and the knowledge-base hash\n"
           "  --kb DIR       use the knowledge base in DIR (also $TPTRIAGE_KB)\n"
           "\nexit codes: 0 fine, 1 an expectation failed, 2 bad input, 3 knowledge base "
           "failed to load,\n            64 usage, 130 interrupted\n"
           "\n'tptriage COMMAND --help' shows a command's options; 'man tptriage' shows all.\n");
    return TP_EXIT_OK;
}

/* Finds "--kb DIR" or "--kb=DIR" among the arguments. */
static const char *kb_arg(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--kb") == 0 && i + 1 < argc)
            return argv[i + 1];
        if (strncmp(argv[i], "--kb=", 5) == 0)
            return argv[i] + 5;
    }
    return NULL;
}

/* Whether a command's arguments ask for its help. */
static int asks_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
            return 1;
    return 0;
}

/* "usage: tptriage NAME ARGS" and the help line, from the table, on stdout. */
static int command_usage(const char *name)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (strcmp(commands[i].name, name) == 0)
            printf("usage: tptriage %s%s%s\n%s\n", name, *commands[i].args ? " " : "",
                   commands[i].args, commands[i].help);
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
    if (asks_help(argc, argv))
        return command_usage("version");
    const char *dir = tp_kb_locate(kb_arg(argc, argv));
    if (!(tri = tp_triage_open(dir, &err))) {
        printf("tptriage %s (knowledge base not loaded)\n%s", TP_VERSION, licence);
        tp_report("%s", err.msg);
        return TP_EXIT_KB;
    }
    kb = tp_triage_kb(tri);
    printf("tptriage %s (knowledge base %s, %s)\n", TP_VERSION, kb->hash, kb->dir);
    fputs(licence, stdout);
    tp_triage_close(tri);
    return TP_EXIT_OK;
}

static int cmd_serve(int argc, char **argv)
{
    return tp_serve_main(argc, argv, TP_VERSION);
}

/* The question ids named as arguments (not options or their values). */
static int next_id(int argc, char **argv, int i)
{
    for (i++; i < argc; i++) {
        if (strcmp(argv[i], "--kb") == 0)
            i++;
        else if (argv[i][0] != '-')
            return i;
    }
    return argc;
}

/* Whether question id is to be listed: named, or no id named at all. */
static int wanted(int argc, char **argv, const char *id)
{
    int first = next_id(argc, argv, 0);
    for (int i = first; i < argc; i = next_id(argc, argv, i))
        if (strcmp(argv[i], id) == 0)
            return 1;
    return first == argc;
}

static int cmd_questions(int argc, char **argv)
{
    tp_triage *tri = NULL;
    const tp_kb *kb = NULL;
    tp_error err = {{0}};
    if (asks_help(argc, argv))
        return command_usage("questions");
    if (!(tri = tp_triage_open(kb_arg(argc, argv), &err))) {
        tp_report("%s", err.msg);
        return TP_EXIT_KB;
    }
    kb = tp_triage_kb(tri);
    for (int i = next_id(argc, argv, 0); i < argc; i = next_id(argc, argv, i))
        if (!tp_kb_question(kb, argv[i])) {
            tp_report("unknown question '%s' (tptriage questions lists them)", argv[i]);
            tp_triage_close(tri);
            return TP_EXIT_USAGE;
        }
    for (int i = 0; i < kb->nquestions; i++) {
        const tp_question *q = &kb->questions[i];
        if (!wanted(argc, argv, q->id))
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
                return tp_report("--kb needs a folder (tptriage --help)"), -1;
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
        for (size_t i = 0; i < NCOMMANDS; i++)
            if (strcmp(argv[1], commands[i].name) == 0)
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
