/* session_tty.c: the session's front end: options, then GNU readline (with
 * history and completion) when stdin is a terminal, or plain lines when it
 * is not. Ctrl-C clears the line being typed; end of input ends cleanly. */
#include "session.h"

#include <errno.h>
#include <readline/history.h>
#include <readline/readline.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define HISTORY_LINES 1000

static tp_session *g_session;               /* the session readline completes for */
static int g_start;                         /* start of the word being completed */
static volatile sig_atomic_t g_interrupted; /* Ctrl-C seen and not yet handled */

static void on_sigint(int sig)
{
    (void)sig;
    g_interrupted = 1;
}

static void catch_sigint(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint; /* no SA_RESTART: a read returns EINTR */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
}

/* ---- readline -------------------------------------------------------------------- */

/* Called by readline while it waits for keys: after Ctrl-C, drops the line
 * being typed and shows a fresh prompt. */
static int on_signal_event(void)
{
    if (g_interrupted) {
        g_interrupted = 0;
        rl_replace_line("", 0);
        rl_crlf();
        rl_on_new_line();
        rl_redisplay();
    }
    return 0;
}

static char *complete_one(const char *text, int state)
{
    return tp_session_complete(g_session, rl_line_buffer, g_start, text, state);
}

static char **complete(const char *text, int start, int end)
{
    (void)end;
    g_start = start;
    rl_attempted_completion_over = 1; /* never file names */
    return rl_completion_matches(text, complete_one);
}

/* $XDG_STATE_HOME/tptriage/history, or ~/.local/state/tptriage/history;
 * the folders are made as needed. NULL when there is no home. */
static char *history_path(void)
{
    const char *state = getenv("XDG_STATE_HOME");
    const char *home = getenv("HOME");
    char dir[4096];
    if (state && state[0] == '/')
        snprintf(dir, sizeof dir, "%s", state);
    else if (home && home[0])
        snprintf(dir, sizeof dir, "%s/.local/state", home);
    else
        return NULL;
    /* make each folder on the way, quietly */
    for (char *p = dir + 1; *p; p++)
        if (*p == '/') {
            *p = 0;
            mkdir(dir, 0700);
            *p = '/';
        }
    mkdir(dir, 0700);
    size_t n = strlen(dir);
    snprintf(dir + n, sizeof dir - n, "/tptriage");
    mkdir(dir, 0700);
    n = strlen(dir);
    snprintf(dir + n, sizeof dir - n, "/history");
    return tp_xstrdup(dir);
}

static void run_readline(tp_session *s)
{
    char *hist = history_path();
    g_session = s;
    rl_readline_name = "tptriage";
    rl_attempted_completion_function = complete;
    rl_basic_word_break_characters = " \t\n,";
    /* the signal hook runs when Ctrl-C interrupts a read; the event hook, run
     * about ten times a second while waiting, catches one that came between
     * two reads */
    rl_signal_event_hook = on_signal_event;
    rl_event_hook = on_signal_event;
    stifle_history(HISTORY_LINES);
    if (hist)
        read_history(hist);
    for (;;) {
        fflush(stdout);
        char *line = readline(tp_session_prompt(s));
        if (!line) {
            fputc('\n', stdout);
            break;
        }
        if (line[0])
            add_history(line);
        tp_session_status st = tp_session_line(s, line);
        free(line);
        if (st == TP_SESSION_QUIT)
            break;
    }
    if (hist) {
        write_history(hist);
        free(hist);
    }
}

/* ---- plain lines -------------------------------------------------------------------- */

static void run_plain(tp_session *s)
{
    char *line = NULL;
    size_t cap = 0;
    for (;;) {
        fputs(tp_session_prompt(s), stdout);
        fflush(stdout);
        errno = 0;
        ssize_t n = getline(&line, &cap, stdin);
        if (n < 0) {
            if (errno == EINTR && g_interrupted) {
                g_interrupted = 0;
                clearerr(stdin);
                fputc('\n', stdout);
                continue;
            }
            fputc('\n', stdout);
            break;
        }
        line[strcspn(line, "\r\n")] = 0;
        if (tp_session_line(s, line) == TP_SESSION_QUIT)
            break;
    }
    free(line);
}

/* ---- options -------------------------------------------------------------------------- */

static int usage(FILE *f)
{
    fprintf(f, "usage: tptriage [session] [--show-ids] [--kb DIR]\n"
               "  --show-ids  print each question's id in brackets before it\n"
               "  --kb DIR    use the knowledge base in DIR (also $TPTRIAGE_KB)\n"
               "Answer each question; ? explains it, :help lists the commands.\n");
    return f == stdout ? TP_EXIT_OK : TP_EXIT_USAGE;
}

int tp_session_main(int argc, char **argv)
{
    tp_session_opts o;
    memset(&o, 0, sizeof o);
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--show-ids") == 0)
            o.show_ids = 1;
        else if (strcmp(argv[i], "--kb") == 0 && i + 1 < argc)
            o.kbdir = argv[++i];
        else if (strncmp(argv[i], "--kb=", 5) == 0)
            o.kbdir = argv[i] + 5;
        else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
            return usage(stdout);
        else {
            tp_report("unknown option '%s' for the session", argv[i]);
            return usage(stderr);
        }
    }
    int tty = isatty(STDIN_FILENO);
    o.colour = isatty(STDOUT_FILENO) && getenv("NO_COLOR") == NULL;
    o.echo = !tty;
    tp_error err = {{0}};
    tp_session *s = tp_session_new(&o, stdout, &err);
    if (!s) {
        tp_report("%s", err.msg);
        return TP_EXIT_KB;
    }
    catch_sigint();
    tp_session_begin(s);
    if (tty)
        run_readline(s);
    else
        run_plain(s);
    tp_session_end(s);
    tp_session_free(s);
    fflush(stdout);
    return TP_EXIT_OK;
}
