/* opts.h: one table of options per command, one parser and one usage printer.
 *
 * A command declares its options once, in a tp_optspec; its --help, the
 * synopsis in `tptriage --help`, `tptriage help --options` (read by the man
 * page check and the bash completion) all come from that table.
 *
 * Adding an option is one line in the command's table and one case in its
 * loop:
 *     {'w', 0, "whynot", "ID", "say why conclusion ID was not reached"},
 *     ...
 *     case 'w': o->whynot = p.value; break;
 */
#ifndef TP_OPTS_H
#define TP_OPTS_H

#include <stdio.h>

/* One option. A table ends with an entry whose key is 0. */
typedef struct {
    int key;           /* what tp_opts_next returns for it: > 0, often the letter */
    char letter;       /* its short form (-j), or 0 */
    const char *name;  /* its long form without "--" (jobs), or NULL */
    const char *value; /* its value's name ("N", "DIR", "text|json|tsv"), NULL for a flag;
                        * a trailing "..." says it may be given again */
    const char *help;  /* one line for --help */
} tp_opt;

/* One command's command line. */
typedef struct {
    const char *name;     /* "batch"; "cases add" (the first word is the command) */
    const char *operands; /* what follows the options ("PATH..."); "" takes none */
    const char *help;     /* one line, for `tptriage --help` */
    const char *about;    /* the text under the usage line of CMD --help, or NULL */
    int options_first;    /* options end at the first operand (getopt's "+") */
    const tp_opt *opts;   /* the table; -h and --help are implied */
} tp_optspec;

/* The parser's state: tp_opts_init, then tp_opts_next until it returns
 * TP_OPTS_END or less. */
typedef struct {
    const tp_optspec *spec; /* the command's table */
    int argc;               /* the arguments; argv[0] is the command word */
    char **argv;            /* operands are moved to argv[1..noperands], in order */
    int next;               /* the next argument to read */
    const char *cluster;    /* the letters left of "-cs" after -c, or NULL */
    int ended;              /* "--" seen (or an operand, with options_first) */
    int noperands;          /* operands so far */
    char **operands;        /* argv + 1: the operands, in order */
    const char *arg;        /* the option just read, as written without "=VALUE" */
    const char *value;      /* its value, or NULL for a flag */
    char spelt[64];         /* where arg is kept */
} tp_opts;

#define TP_OPTS_END 0    /* all read: the operands are p->operands[0..noperands) */
#define TP_OPTS_HELP -1  /* -h or --help: the usage is printed on stdout */
#define TP_OPTS_ERROR -2 /* a mistake, reported as "tptriage: CMD: ... (tptriage CMD --help)" */

void tp_opts_init(tp_opts *p, const tp_optspec *spec, int argc, char **argv);
/* Reads the next option: its key, or TP_OPTS_END, TP_OPTS_HELP or
 * TP_OPTS_ERROR. Takes --name V, --name=V, -j V, -jV, clusters of flags
 * (-cs), a unique prefix of a long name, and "--" to end the options; "-"
 * is an operand. An unknown option, a missing value, a value given to a
 * flag and an operand to a command that takes none are reported. */
int tp_opts_next(tp_opts *p);
/* The exit code for what tp_opts_next returned below TP_OPTS_END: 0 after
 * help, 64 after a mistake. */
int tp_opts_exit(int rc);

/* "[--format text|json|tsv] [--check] ... PATH..." (no command word) into
 * out (size n), for `tptriage --help`. */
void tp_opts_synopsis(const tp_optspec *spec, char *out, size_t n);
/* Prints indent spaces, head, then text from column cont (cont < 0: after
 * head and a space), wrapped at column 79 back to column cont. */
void tp_opts_wrap(FILE *f, const char *head, const char *text, int indent, int cont);
/* The options of spec (and -h, --help), a line each: "  -j, --jobs N  help". */
void tp_opts_table(const tp_optspec *spec, FILE *f);
/* Prints "usage: tptriage CMD SYNOPSIS" (wrapped), the about text (or the
 * help line) and the options. */
void tp_opts_usage(const tp_optspec *spec, FILE *f);
/* Prints "CMD --name VALUE" and "CMD -l VALUE" for each option of spec,
 * --help and -h included (CMD is the command word), for scripts. */
void tp_opts_list(const tp_optspec *spec, const char *cmd, FILE *f);

#endif
