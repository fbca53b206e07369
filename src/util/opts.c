/* opts.c: the one option parser and usage printer, driven by a command's table. */
#include "opts.h"

#include "util.h"

#include <string.h>

#define WRAP 79    /* the usage lines' width */
#define HELPCOL 22 /* the options' help starts at column HELPCOL + 4 */

/* -h and --help, implied in every table. */
static const tp_opt help_opt = {-1, 'h', "help", NULL, "show this help"};

void tp_opts_init(tp_opts *p, const tp_optspec *spec, int argc, char **argv)
{
    memset(p, 0, sizeof *p);
    p->spec = spec;
    p->argc = argc;
    p->argv = argv;
    p->next = 1;
    p->operands = argv + 1;
}

int tp_opts_exit(int rc)
{
    return rc == TP_OPTS_HELP ? TP_EXIT_OK : TP_EXIT_USAGE;
}

/* The option with the long name of len bytes at s: exact, else the only
 * one it begins. *ambiguous is set when several begin so. */
static const tp_opt *find_long(const tp_optspec *spec, const char *s, size_t len, int *ambiguous)
{
    const tp_opt *found = NULL;
    int n = 0;
    *ambiguous = 0;
    for (const tp_opt *o = spec->opts; o->key; o++) {
        if (!o->name || strncmp(o->name, s, len) != 0)
            continue;
        if (strlen(o->name) == len)
            return o;
        found = o;
        n++;
    }
    if (strncmp(help_opt.name, s, len) == 0) {
        if (len == strlen(help_opt.name))
            return &help_opt;
        found = &help_opt;
        n++;
    }
    *ambiguous = n > 1;
    return n == 1 ? found : NULL;
}

static const tp_opt *find_short(const tp_optspec *spec, char c)
{
    for (const tp_opt *o = spec->opts; o->key; o++)
        if (o->letter == c)
            return o;
    return c == help_opt.letter ? &help_opt : NULL;
}

/* Reports a mistake about what, naming the command and its --help. */
static int mistake(const tp_opts *p, const char *fmt, const char *what)
{
    char msg[512];
    snprintf(msg, sizeof msg, fmt, what);
    tp_usage_error(p->spec->name, "%s", msg);
    return TP_OPTS_ERROR;
}

/* What an option found returns: its key, or help. */
static int found(tp_opts *p, const tp_opt *o)
{
    if (o == &help_opt) {
        tp_opts_usage(p->spec, stdout);
        return TP_OPTS_HELP;
    }
    return o->key;
}

static int read_short(tp_opts *p)
{
    char c = *p->cluster++;
    const tp_opt *o = find_short(p->spec, c);
    char *spelt = p->spelt;
    snprintf(spelt, sizeof p->spelt, "-%c", c);
    p->arg = spelt;
    p->value = NULL;
    if (!o) {
        p->cluster = NULL;
        return mistake(p, "unknown option '%s'", spelt);
    }
    if (o->value) {
        if (*p->cluster)
            p->value = p->cluster;
        else if (p->next < p->argc)
            p->value = p->argv[p->next++];
        else
            return p->cluster = NULL, mistake(p, "%s needs a value", spelt);
        p->cluster = NULL;
    } else if (!*p->cluster) {
        p->cluster = NULL;
    }
    return found(p, o);
}

static int read_long(tp_opts *p, char *a)
{
    char *spelt = p->spelt;
    const char *eq = strchr(a, '=');
    size_t len = eq ? (size_t)(eq - a) - 2 : strlen(a) - 2;
    int ambiguous;
    const tp_opt *o = find_long(p->spec, a + 2, len, &ambiguous);
    snprintf(spelt, sizeof p->spelt, "%.*s", (int)len + 2, a);
    p->arg = spelt;
    p->value = NULL;
    if (!o)
        return mistake(p, ambiguous ? "ambiguous option '%s'" : "unknown option '%s'", a);
    if (o->name)
        snprintf(spelt, sizeof p->spelt, "--%s", o->name);
    if (!o->value) {
        if (eq)
            return mistake(p, "%s takes no value", spelt);
    } else if (eq) {
        p->value = eq + 1;
    } else if (p->next < p->argc) {
        p->value = p->argv[p->next++];
    } else {
        return mistake(p, "%s needs a value", spelt);
    }
    return found(p, o);
}

int tp_opts_next(tp_opts *p)
{
    if (p->cluster)
        return read_short(p);
    while (p->next < p->argc) {
        char *a = p->argv[p->next++];
        if (!p->ended && strcmp(a, "--") == 0) {
            p->ended = 1;
            continue;
        }
        if (!p->ended && a[0] == '-' && a[1] == '-')
            return read_long(p, a);
        if (!p->ended && a[0] == '-' && a[1]) {
            p->cluster = a + 1;
            return read_short(p);
        }
        /* an operand: moved down to its place among the operands */
        if (!*p->spec->operands)
            return mistake(p, "unexpected argument '%s'", a);
        if (p->spec->options_first)
            p->ended = 1;
        p->operands[p->noperands++] = a;
    }
    return TP_OPTS_END;
}

/* ---- help ---------------------------------------------------------------------------- */

/* "--name VALUE" (or "-l VALUE" for a letter only) into out; "..." kept. */
static void spelling(const tp_opt *o, int use_letter, char *out, size_t n)
{
    if (use_letter || !o->name)
        snprintf(out, n, "-%c%s%s", o->letter, o->value ? " " : "", o->value ? o->value : "");
    else
        snprintf(out, n, "--%s%s%s", o->name, o->value ? " " : "", o->value ? o->value : "");
}

void tp_opts_synopsis(const tp_optspec *spec, char *out, size_t n)
{
    size_t len = 0;
    out[0] = '\0';
    for (const tp_opt *o = spec->opts; o->key && len < n; o++) {
        char s[128];
        spelling(o, 0, s, sizeof s);
        size_t sl = strlen(s);
        int many = sl > 3 && strcmp(s + sl - 3, "...") == 0;
        len += (size_t)snprintf(out + len, n - len, "%s[%.*s]%s", len ? " " : "",
                                (int)(many ? sl - 3 : sl), s, many ? "..." : "");
    }
    if (*spec->operands && len < n)
        snprintf(out + len, n - len, "%s%s", len ? " " : "", spec->operands);
}

/* Prints text from column col, wrapped at WRAP, each further line indented
 * by indent spaces. Lines break only at spaces outside brackets, so that
 * "[--format text|json|tsv]" stays whole. */
static void wrapped(FILE *f, const char *text, int col, int indent)
{
    const char *s = text;
    while (*s) {
        int depth = 0, w = 0;
        for (; s[w] && (depth > 0 || s[w] != ' '); w++)
            depth += s[w] == '[' ? 1 : s[w] == ']' ? -1 : 0;
        if (col > indent && col + 1 + w > WRAP) {
            fprintf(f, "\n%*s", indent, "");
            col = indent;
        } else if (s != text) {
            fputc(' ', f);
            col++;
        }
        fprintf(f, "%.*s", w, s);
        col += w;
        s += w;
        while (*s == ' ')
            s++;
    }
    fputc('\n', f);
}

void tp_opts_wrap(FILE *f, const char *head, const char *text, int indent, int cont)
{
    int col = fprintf(f, "%*s%s", indent, "", head);
    if (cont < 0)
        cont = col + 1;
    if (!*text) {
        fputc('\n', f);
        return;
    }
    col += fprintf(f, "%*s", col < cont ? cont - col : 1, "");
    wrapped(f, text, col, cont);
}

void tp_opts_table(const tp_optspec *spec, FILE *f)
{
    for (const tp_opt *o = spec->opts;; o = o->key ? o + 1 : &help_opt) {
        const tp_opt *opt = o->key ? o : &help_opt;
        char s[160], l[128];
        spelling(opt, 0, l, sizeof l);
        if (opt->letter && opt->name)
            snprintf(s, sizeof s, "-%c, %s", opt->letter, l);
        else
            snprintf(s, sizeof s, "%s%s", opt->letter ? "" : "    ", l);
        if (strlen(s) > HELPCOL)
            fprintf(f, "  %s\n  %*s  %s\n", s, HELPCOL, "", opt->help);
        else
            fprintf(f, "  %-*s  %s\n", HELPCOL, s, opt->help);
        if (opt == &help_opt)
            break;
    }
}

void tp_opts_usage(const tp_optspec *spec, FILE *f)
{
    char syn[2048], head[128];
    tp_opts_synopsis(spec, syn, sizeof syn);
    snprintf(head, sizeof head, "usage: tptriage %s", spec->name);
    tp_opts_wrap(f, head, syn, 0, -1);
    if (spec->about)
        fputs(spec->about, f);
    else
        fprintf(f, "%s\n", spec->help);
    fputs("options:\n", f);
    tp_opts_table(spec, f);
}

void tp_opts_list(const tp_optspec *spec, const char *cmd, FILE *f)
{
    for (const tp_opt *o = spec->opts;; o++) {
        const tp_opt *opt = o->key ? o : &help_opt;
        char name[128];
        size_t vl = opt->value ? strlen(opt->value) : 0;
        int many = vl > 3 && strcmp(opt->value + vl - 3, "...") == 0;
        for (int letter = 0; letter < 2; letter++) {
            if (letter ? !opt->letter : !opt->name)
                continue;
            if (letter)
                snprintf(name, sizeof name, "-%c", opt->letter);
            else
                snprintf(name, sizeof name, "--%s", opt->name);
            fprintf(f, "%s %s%s%.*s\n", cmd, name, opt->value ? " " : "", (int)(many ? vl - 3 : vl),
                    opt->value ? opt->value : "");
        }
        if (opt == &help_opt)
            break;
    }
}
