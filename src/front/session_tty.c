/* session_tty.c: the session's front end: options, then GNU readline (with
 * history and completion) when stdin is a terminal, or plain lines when it
 * is not. Ctrl-C clears the line being typed; end of input ends cleanly.
 *
 * On a terminal the answers are saved after every line (autosave.c) and
 * the next session offers to resume them; SIGHUP, SIGTERM or a lost
 * terminal end the session with its answers saved. Only command lines
 * (":" or ".") go to the history file, never answers to health questions.
 * A piped session neither saves nor offers to resume: it is a script. */
#include "session.h"
#include "kb.h"

#include "autosave.h"
#include "diary.h"
#include "statedir.h"
#include "streams.h"
#include "wrap.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <readline/history.h>
#include <readline/readline.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define HISTORY_LINES 1000

static tp_session *g_session;               /* the session readline completes for */
static int g_start;                         /* start of the word being completed */
static volatile sig_atomic_t g_interrupted; /* Ctrl-C seen and not yet handled */
static volatile sig_atomic_t g_stop;        /* SIGHUP or SIGTERM seen: save and leave */
static volatile sig_atomic_t g_winch;       /* the terminal was resized */

static void on_sigint(int sig)
{
    (void)sig;
    g_interrupted = 1;
}

static void on_stop(int sig)
{
    g_stop = sig;
}

static void on_winch(int sig)
{
    (void)sig;
    g_winch = 1;
}

static void catch_signal(int sig, void (*fn)(int))
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = fn; /* no SA_RESTART: a read returns EINTR */
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

/* Whether the terminal went away (a hang-up without SIGHUP reaching us). */
static int terminal_lost(void)
{
    struct pollfd p = {STDIN_FILENO, POLLIN, 0};
    return poll(&p, 1, 0) > 0 && (p.revents & (POLLHUP | POLLERR | POLLNVAL));
}

/* The session must stop now, its answers kept: SIGHUP or SIGTERM came, or
 * output cannot be written (a lost terminal shows as readline's end). */
static int must_stop(void)
{
    return g_stop || tp_streams_failed();
}

/* After every line: the answers on disk (a failed save is said once). */
static void autosave(tp_session *s, tp_autosave *as)
{
    tp_error err = {{0}};
    if (as &&
        tp_autosave_update(as, tp_session_case(s), tp_session_kb(s), tp_session_done(s), &err) != 0)
        fprintf(stdout, "Could not save your answers for later: %s\n", err.msg);
}

/* ---- width ------------------------------------------------------------------------------ */

static int g_width;  /* the columns output is wrapped to */
static int g_paused; /* Ctrl-D mid-interview: the autosave is kept */
static int g_lost;   /* readline ended because the terminal went away */

/* The terminal's width; when output is no terminal, $COLUMNS, or 80. */
static int terminal_width(void)
{
    struct winsize ws;
    if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    const char *c = getenv("COLUMNS");
    int n = c ? atoi(c) : 0;
    return n > 0 ? n : TP_WRAP_DEFAULT;
}

/* ---- readline -------------------------------------------------------------------- */

/* Called by readline while it waits for keys: after Ctrl-C, drops the line
 * being typed and shows a fresh prompt; after SIGHUP or SIGTERM, makes
 * readline return (the line is then dropped, never taken as an answer). */
static int on_signal_event(void)
{
    if (g_stop) {
        rl_done = 1;
        return 0;
    }
    if (g_winch) { /* followed at once: readline's line and what is written next */
        g_winch = 0;
        rl_resize_terminal();
        g_width = terminal_width();
    }
    if (g_interrupted) {
        g_interrupted = 0;
        rl_replace_line("", 0);
        rl_crlf();
        /* say what Ctrl-C did */
        fputs("(Ctrl-C cleared the line; answers kept. :quit ends, Ctrl-D stops for now.)\n",
              stdout);
        fflush(stdout);
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

/* ---- history: commands only ---------------------------------------------------------- */

static int is_command(const char *line)
{
    line += strspn(line, " \t");
    return line[0] == ':' || line[0] == '.';
}

/* Reads the history file, keeping command lines only (a file written by an
 * older version may hold answers: they are dropped, and gone from the file
 * when it is written again). */
static void load_history(const char *path)
{
    size_t len;
    tp_error err = {{0}};
    char *text = tp_read_regular(path, 1 << 20, &len, &err);
    if (!text) {
        if (errno != ENOENT)
            tp_report("%s", err.msg);
        return;
    }
    char *save = NULL;
    for (char *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
        if (is_command(l))
            add_history(l);
    free(text);
}

/* Writes the history (private, 0600) through the safe writer. */
static void save_history(const char *path)
{
    tp_buf b = {0};
    HIST_ENTRY **h = history_list();
    for (int i = 0; h && h[i]; i++)
        if (is_command(h[i]->line))
            tp_buf_printf(&b, "%s\n", h[i]->line);
    tp_error err = {{0}};
    if (tp_write_file(path, b.data ? b.data : "", b.len, TP_MODE_PRIVATE, &err) != 0)
        tp_report("%s", err.msg);
    tp_buf_free(&b);
}

/* ---- readline -------------------------------------------------------------------- */

static void run_readline(tp_session *s, tp_autosave *as)
{
    tp_error err = {{0}};
    char *hist = tp_state_file("history", &err); /* an unsafe folder was said at start */
    if (hist)
        load_history(hist);
    for (;;) {
        fflush(stdout);
        if (must_stop())
            break;
        g_width = terminal_width(); /* the window may have been resized */
        char *line = readline(tp_session_prompt(s));
        g_width = terminal_width(); /* ... while the answer was typed */
        if (g_stop) {
            free(line);
            break;
        }
        if (!line) {
            /* Ctrl-D, or a closed terminal whose hang-up (SIGHUP, POLLHUP) may
             * come a moment after the read ended: wait for it briefly */
            for (int i = 0; i < 10 && !g_stop && !terminal_lost(); i++)
                usleep(10000);
            g_lost = g_stop || terminal_lost();
            if (g_lost)
                break;
            fputc('\n', stdout);
            /* Ctrl-D before the end: the answers stay saved for next time */
            g_paused = !tp_session_done(s) && tp_session_current(s) &&
                       tp_session_case(s)->nanswers > 0 && as != NULL;
            break;
        }
        if (line[0] && is_command(line))
            add_history(line);
        tp_session_status st = tp_session_line(s, line);
        free(line);
        autosave(s, as);
        if (st == TP_SESSION_QUIT)
            break;
    }
    if (hist) {
        save_history(hist);
        free(hist);
    }
}

/* Sets readline up: completion, Ctrl-C, the history's length. */
static void init_readline(tp_session *s)
{
    g_session = s;
    rl_readline_name = "tptriage";
    rl_attempted_completion_function = complete;
    rl_basic_word_break_characters = " \t\n,";
    /* the signal hook runs when Ctrl-C interrupts a read; the event hook, run
     * about ten times a second while waiting, catches one that came between
     * two reads */
    rl_signal_event_hook = on_signal_event;
    rl_event_hook = on_signal_event;
    /* a resize is ours to follow (the hook above), for readline and the wrapping */
    rl_catch_sigwinch = 0;
    catch_signal(SIGWINCH, on_winch);
    stifle_history(HISTORY_LINES);
}

/* Offers to resume an unfinished session. */
static void offer_resume(tp_session *s, tp_autosave *as)
{
    long age = tp_autosave_find(as);
    if (age < 0)
        return;
    char when[64], prompt[160];
    tp_autosave_age_text(age, when, sizeof when);
    snprintf(prompt, sizeof prompt, "You have an unfinished check from %s: resume? [Y/n] ", when);
    char *reply = readline(prompt);
    if (!reply || g_stop) {
        free(reply);
        return; /* end of input or a signal: the file stays for next time */
    }
    const char *r = reply + strspn(reply, " \t");
    if (r[0] == 'n' || r[0] == 'N') {
        tp_autosave_discard(as);
        fprintf(stdout, "Starting afresh.\n\n");
    } else {
        tp_error err = {{0}};
        tp_case c;
        int n = tp_autosave_restore(as, tp_session_kb(s), &c, &err);
        tp_session_resume(s, &c);
        tp_case_free(&c);
        if (n < 0)
            fprintf(stdout, "Could not resume: %s\nIt is kept in %s.old; starting afresh.\n\n",
                    err.msg, tp_autosave_path(as));
        else
            fprintf(stdout,
                    "Resumed %d answer%s (:answers lists them, :back takes the last one "
                    "back, :restart starts again).\n\n",
                    n, n == 1 ? "" : "s");
    }
    free(reply);
}

/* ---- plain lines -------------------------------------------------------------------- */

static void run_plain(tp_session *s)
{
    char *line = NULL;
    size_t cap = 0;
    for (;;) {
        fputs(tp_session_prompt(s), stdout);
        fflush(stdout);
        if (must_stop())
            break;
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

static const tp_opt session_options[] = {
    {'i', 0, "show-ids", NULL, "print each question's id in brackets before it"},
    {'v', 0, "verbose", NULL, "explanations also name the rules and show their patterns"},
    {'g', 0, "one-at-a-time", NULL,
     "ask every question on its own, not grouped as checklists (also TPTRIAGE_GROUPS=off)"},
    {'f', 0, "fresh", NULL, "do not offer to resume an unfinished session"},
    {'d', 0, "no-diary", NULL,
     "neither read nor offer to keep check-ins (also TPTRIAGE_DIARY=off)"},
    {'k', 0, "kb", "DIR", "the knowledge base in DIR (also $TPTRIAGE_KB)"},
    {'l', 0, "locale", "WHERE",
     "the numbers to call: gb, us, eu or a region such as GB (also $TPTRIAGE_LOCALE, $LANG)"},
    {0, 0, NULL, NULL, NULL},
};

const tp_optspec tp_session_spec = {
    "session",
    "",
    "ask questions and explain the advice (the default)",
    "Asks questions and explains the advice (the default command). Answer each\n"
    "question; ? explains it, :help lists the commands.\n",
    0,
    session_options};

/* After SIGHUP, SIGTERM or a lost terminal: the answers are on disk; say so
 * if someone can read it. Returns the exit code (128 + the signal). */
static int stopped(tp_session *s, tp_autosave *as)
{
    autosave(s, as);
    int sig = g_stop ? g_stop : SIGHUP;
    if (sig == SIGHUP) {
        /* nobody reads the terminal now: what is left to write goes nowhere */
        int fd = open("/dev/null", O_WRONLY);
        if (fd >= 0) {
            dup2(fd, STDOUT_FILENO);
            dup2(fd, STDERR_FILENO);
            close(fd);
        }
        /* what readline wrote to the gone terminal failed: no reader to tell */
        clearerr(stdout);
        clearerr(stderr);
    } else if (as && tp_autosave_saved(as)) {
        fprintf(stdout, "\nStopped; your answers are saved: tptriage offers to resume them.\n");
    } else if (tp_session_case(s)->nanswers > 0) {
        fprintf(stdout, "\nStopped; your answers could not be saved.\n");
    }
    return 128 + sig;
}

int tp_session_main(int argc, char **argv)
{
    tp_session_opts o;
    memset(&o, 0, sizeof o);
    int fresh = 0, no_diary = 0, key;
    tp_opts p;
    tp_opts_init(&p, &tp_session_spec, argc, argv);
    while ((key = tp_opts_next(&p)) > 0) {
        if (key == 'i')
            o.show_ids = 1;
        else if (key == 'v')
            o.verbose = 1;
        else if (key == 'g')
            o.one_at_a_time = 1;
        else if (key == 'f')
            fresh = 1;
        else if (key == 'd')
            no_diary = 1;
        else if (key == 'k')
            o.kbdir = p.value;
        else if (key == 'l')
            o.locale = p.value;
    }
    if (key != TP_OPTS_END)
        return tp_opts_exit(key);
    const char *groups = getenv("TPTRIAGE_GROUPS");
    if (groups && strcmp(groups, "off") == 0)
        o.one_at_a_time = 1;
    int tty = isatty(STDIN_FILENO);
    o.colour = isatty(STDOUT_FILENO) && getenv("NO_COLOR") == NULL;
    o.echo = !tty;
    /* the diary on a terminal only: a piped session is a script */
    tp_error derr = {{0}};
    char *diary = tty && !no_diary ? tp_diary_path(&derr) : NULL;
    if (!diary && derr.msg[0])
        tp_report("%s; the diary is not used", derr.msg);
    o.diary = diary;
    /* what the session says is wrapped to the terminal (80 columns without one) */
    g_width = terminal_width();
    FILE *out = tp_wrap_stream(stdout, &g_width);
    tp_error err = {{0}};
    tp_session *s = tp_session_new(&o, out ? out : stdout, &err);
    if (!s) {
        tp_report("%s", err.msg);
        if (out)
            fclose(out);
        free(diary);
        return TP_EXIT_KB;
    }
    if (o.locale && !tp_kb_locale_known(tp_session_kb(s), o.locale)) {
        tp_report("--locale %s: no such locale or region (try gb, us, eu or a region such as DE)",
                  o.locale);
        tp_session_free(s);
        if (out)
            fclose(out);
        free(diary);
        return TP_EXIT_USAGE;
    }
    catch_signal(SIGINT, on_sigint);
    tp_autosave *as = NULL;
    if (tty) {
        catch_signal(SIGHUP, on_stop);
        catch_signal(SIGTERM, on_stop);
        tp_error err2 = {{0}};
        char *base = tp_state_file("autosave", &err2);
        if (!base && err2.msg[0])
            tp_report("%s", err2.msg);
        as = tp_autosave_open(base);
        free(base);
        init_readline(s);
        if (as && !fresh)
            offer_resume(s, as);
    }
    int rv = TP_EXIT_OK;
    if (!must_stop()) {
        tp_session_begin(s);
        if (tty)
            run_readline(s, as);
        else
            run_plain(s);
    }
    if (g_stop || g_lost || (tty && terminal_lost())) {
        rv = stopped(s, as);
    } else if (!tp_streams_failed()) {
        tp_session_end(s);
        if (g_paused) /* Ctrl-D mid-interview: the answers stay on disk, saved after the last line
                       */
            fprintf(out ? out : stdout,
                    "\nStopped for now; your %d answer%s %s saved. Run tptriage again to go on "
                    "from here (tptriage --fresh starts over).\n",
                    tp_session_case(s)->nanswers, tp_session_case(s)->nanswers == 1 ? "" : "s",
                    tp_session_case(s)->nanswers == 1 ? "is" : "are");
        else
            autosave(s, as); /* finished or quit: nothing to resume */
    }
    tp_autosave_free(as);
    tp_session_free(s);
    if (out)
        fclose(out);
    free(diary);
    fflush(stdout);
    return rv;
}
