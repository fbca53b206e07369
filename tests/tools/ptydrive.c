/* ptydrive.c: runs a program on a pseudo-terminal and plays a script to it,
 * for end-to-end tests of the interactive session with no expect or tmux.
 *
 *   ptydrive SCRIPT LOG -- PROGRAM ARGS...
 *
 * Each script line is "wait TEXT" (read output until TEXT appears, at most
 * 10 s), "send TEXT" (type TEXT and Enter), "raw TEXT" (type TEXT with \t
 * for Tab, \003 style octal escapes for control keys), "eof" (Ctrl-D),
 * "hangup" (close the terminal, as a dropped connection does), "waitfile
 * PATH" (until PATH exists, reading output meanwhile; at most the same
 * time: for two sessions that must take turns), "signal N"
 * (send signal number N to the program), or "status N" (the
 * program must end with exit status N, not 0), or "resize COLS ROWS" (change
 * the terminal's size: the program gets SIGWINCH). PTYDRIVE_COLUMNS and
 * PTYDRIVE_ROWS set the terminal's size (200 by 40 by default). Everything the program
 * writes goes to LOG. Exits 0 when the program ends with the status wanted
 * after the script, 1 on a timeout or any other end. */
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define WAIT_MS 30000 /* per wait; generous for a loaded machine or ASan (a pass is not slowed) */

typedef struct {
    int fd;     /* master side of the terminal */
    FILE *log;  /* copy of all output */
    char *seen; /* output not yet matched by a wait */
    size_t len; /* its length */
} driver;

static int read_some(driver *d, int ms)
{
    struct pollfd p = {d->fd, POLLIN, 0};
    if (poll(&p, 1, ms) <= 0)
        return 0;
    char buf[4096];
    ssize_t n = read(d->fd, buf, sizeof buf);
    if (n <= 0)
        return -1;
    fwrite(buf, 1, (size_t)n, d->log);
    fflush(d->log);
    d->seen = realloc(d->seen, d->len + (size_t)n + 1);
    memcpy(d->seen + d->len, buf, (size_t)n);
    d->len += (size_t)n;
    d->seen[d->len] = 0;
    return (int)n;
}

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* Reads until text appears; drops the output up to its end. */
static int wait_for(driver *d, const char *text)
{
    double end = now_ms() + WAIT_MS;
    for (;;) {
        char *hit = d->seen ? strstr(d->seen, text) : NULL;
        if (hit) {
            size_t used = (size_t)(hit - d->seen) + strlen(text);
            memmove(d->seen, d->seen + used, d->len - used + 1);
            d->len -= used;
            return 0;
        }
        double left = end - now_ms();
        if (left <= 0 || read_some(d, (int)left) < 0) {
            fprintf(stderr, "ptydrive: timed out waiting for '%s'\n", text);
            return -1;
        }
    }
}

/* Turns \t, \n, \\ and \ooo into bytes, in place. */
static size_t unescape(char *s)
{
    char *d = s;
    for (char *p = s; *p; p++) {
        if (*p != '\\' || !p[1]) {
            *d++ = *p;
            continue;
        }
        p++;
        if (*p == 't')
            *d++ = '\t';
        else if (*p == 'n')
            *d++ = '\n';
        else if (*p == 'r')
            *d++ = '\r';
        else if (*p >= '0' && *p <= '7') {
            int v = 0;
            for (int k = 0; k < 3 && *p >= '0' && *p <= '7'; k++, p++)
                v = v * 8 + (*p - '0');
            p--;
            *d++ = (char)v;
        } else
            *d++ = *p;
    }
    return (size_t)(d - s);
}

static void type(driver *d, const char *s, size_t n)
{
    /* one byte at a time, as a person types, so readline sees each key */
    for (size_t i = 0; i < n; i++) {
        if (write(d->fd, s + i, 1) != 1)
            return;
        read_some(d, 2);
    }
}

int main(int argc, char **argv)
{
    if (argc < 5 || strcmp(argv[3], "--") != 0) {
        fprintf(stderr, "usage: ptydrive SCRIPT LOG -- PROGRAM ARGS...\n");
        return 2;
    }
    FILE *script = fopen(argv[1], "r");
    driver d = {-1, fopen(argv[2], "w"), NULL, 0};
    if (!script || !d.log) {
        perror("ptydrive");
        return 2;
    }
    struct winsize ws = {40, 200, 0, 0};
    const char *cols = getenv("PTYDRIVE_COLUMNS"); /* the terminal's width; 200 by default */
    if (cols && atoi(cols) > 0)
        ws.ws_col = (unsigned short)atoi(cols);
    const char *rows = getenv("PTYDRIVE_ROWS");
    if (rows && atoi(rows) > 0)
        ws.ws_row = (unsigned short)atoi(rows);
    pid_t pid = forkpty(&d.fd, NULL, NULL, &ws);
    if (pid < 0) {
        perror("forkpty");
        return 2;
    }
    if (pid == 0) {
        execvp(argv[4], argv + 4);
        perror("exec");
        _exit(127);
    }
    char line[4096];
    int bad = 0, want = 0;
    while (!bad && fgets(line, sizeof line, script)) {
        line[strcspn(line, "\n")] = 0;
        if (strncmp(line, "wait ", 5) == 0) {
            bad = wait_for(&d, line + 5) != 0;
        } else if (strncmp(line, "send ", 5) == 0) {
            type(&d, line + 5, strlen(line + 5));
            type(&d, "\r", 1);
        } else if (strncmp(line, "raw ", 4) == 0) {
            size_t n = unescape(line + 4);
            type(&d, line + 4, n);
        } else if (strncmp(line, "waitfile ", 9) == 0) {
            double end = now_ms() + WAIT_MS;
            while (access(line + 9, F_OK) != 0 && now_ms() < end)
                read_some(&d, 50);
            bad = access(line + 9, F_OK) != 0;
            if (bad)
                fprintf(stderr, "ptydrive: timed out waiting for the file %s\n", line + 9);
        } else if (strcmp(line, "eof") == 0) {
            type(&d, "\004", 1);
        } else if (strcmp(line, "hangup") == 0) {
            close(d.fd);
            d.fd = -1; /* polls on it now wait and see nothing */
        } else if (strncmp(line, "signal ", 7) == 0) {
            kill(pid, atoi(line + 7));
        } else if (strncmp(line, "resize ", 7) == 0) {
            struct winsize to = {0, 0, 0, 0};
            int c = 0, r = 0;
            if (sscanf(line + 7, "%d %d", &c, &r) == 2 && c > 0 && r > 0) {
                to.ws_col = (unsigned short)c;
                to.ws_row = (unsigned short)r;
                ioctl(d.fd, TIOCSWINSZ, &to); /* the kernel sends SIGWINCH */
            }
        } else if (strncmp(line, "status ", 7) == 0) {
            want = atoi(line + 7);
        }
    }
    /* drain what is left, then collect the status */
    double end = now_ms() + WAIT_MS;
    int status = 0, ended = 0;
    while (!ended && now_ms() < end) {
        int r = read_some(&d, 50);
        if (waitpid(pid, &status, WNOHANG) == pid) {
            ended = 1;
            while (read_some(&d, 50) > 0)
                ;
        } else if (r < 0) {
            usleep(10000);
        }
    }
    if (!ended) {
        fprintf(stderr, "ptydrive: the program did not end\n");
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        bad = 1;
    }
    fclose(d.log);
    fclose(script);
    free(d.seen);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != want) {
        fprintf(stderr, "ptydrive: the program ended with status %d, not %d\n",
                WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), want);
        bad = 1;
    }
    return bad;
}
