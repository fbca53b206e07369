/* streams.c: honest errors on stdout and stderr, and what a signal means
 * (see streams.h). */
#include "streams.h"

#include "util.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int g_reported; /* a stream error has been reported by this process */

static int stream_errno(FILE *f);

/* For a command that calls exit() itself: a write error found at exit
 * still gives its message and TP_EXIT_IOERR. */
static void at_exit(void)
{
    if (tp_streams_finish(0) != 0)
        _exit(TP_EXIT_IOERR);
}

void tp_streams_init(void)
{
    signal(SIGXFSZ, SIG_IGN);
    atexit(at_exit);
}

int tp_streams_failed(void)
{
    return ferror(stdout) || ferror(stderr);
}

static void die_of_sigpipe(void)
{
    fflush(NULL);
    signal(SIGPIPE, SIG_DFL);
    raise(SIGPIPE);
}

void tp_stream_error(int fd, int err)
{
    if (err == EPIPE)
        die_of_sigpipe();
    if (g_reported)
        return;
    g_reported = 1;
    /* straight to the descriptor: stderr may be the stream that failed */
    char msg[256];
    int n = snprintf(msg, sizeof msg, "tptriage: %s: %s\n", fd == 2 ? "stderr" : "stdout",
                     strerror(err ? err : EIO));
    if (n > 0)
        (void)!write(2, msg, (size_t)n < sizeof msg ? (size_t)n : sizeof msg - 1);
}

/* The errno of a write error on f, or 0 when there was none. When the
 * failed write is long gone (stdio keeps no errno), one more byte is
 * written to the broken stream to learn why it fails. */
static int stream_errno(FILE *f)
{
    errno = 0;
    if (fflush(f) == 0 && !ferror(f))
        return 0;
    int e = errno;
    if (!e) {
        clearerr(f);
        errno = 0;
        if (fflush(f) != 0)
            e = errno;
        else if (write(fileno(f), "\n", 1) < 0)
            e = errno;
    }
    return e ? e : EIO;
}

int tp_streams_finish(int rv)
{
    int e = stream_errno(stdout);
    if (e) {
        tp_stream_error(1, e);
        return TP_EXIT_IOERR;
    }
    e = stream_errno(stderr);
    if (e) {
        tp_stream_error(2, e);
        return TP_EXIT_IOERR;
    }
    return rv;
}

void tp_write_fd(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t k = write(fd, p, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0) {
            tp_stream_error(fd, k == 0 ? EIO : errno);
            _exit(TP_EXIT_IOERR);
        }
        p += k;
        n -= (size_t)k;
    }
}

const char *tp_signal_text(int sig, char *buf, size_t len)
{
    static const struct {
        int sig;
        const char *name, *means;
    } known[] = {
        {SIGKILL, "SIGKILL", "killed, by another process or by the kernel when memory ran out"},
        {SIGXFSZ, "SIGXFSZ", "file size limit exceeded (ulimit -f)"},
        {SIGXCPU, "SIGXCPU", "CPU time limit exceeded (ulimit -t)"},
        {SIGSEGV, "SIGSEGV", "a crash (invalid memory access): please report it"},
        {SIGBUS, "SIGBUS", "a crash (bus error): please report it"},
        {SIGABRT, "SIGABRT", "aborted, for instance out of memory or a failed check"},
        {SIGFPE, "SIGFPE", "a crash (arithmetic error): please report it"},
        {SIGILL, "SIGILL", "a crash (illegal instruction): please report it"},
        {SIGTERM, "SIGTERM", "asked to stop by another process"},
        {SIGHUP, "SIGHUP", "the terminal went away"},
        {SIGINT, "SIGINT", "interrupted (Ctrl-C)"},
        {SIGPIPE, "SIGPIPE", "the reader of its output went away"},
    };
    for (size_t i = 0; i < sizeof known / sizeof *known; i++)
        if (known[i].sig == sig) {
            snprintf(buf, len, "%s: %s", known[i].name, known[i].means);
            return buf;
        }
    const char *s = strsignal(sig);
    snprintf(buf, len, "signal %d: %s", sig, s ? s : "unknown");
    return buf;
}
