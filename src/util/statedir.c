/* statedir.c: tptriage's folders under the XDG base folders, used only when
 * safe, and regular files only opened there (see statedir.h). */
#include "statedir.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Whether dir is safe to keep answers in: a folder (not a link), the
 * user's, writable by nobody else. 0, or -1 with err saying how to fix it. */
static int check_folder(const char *dir, tp_error *err)
{
    struct stat st;
    if (lstat(dir, &st) != 0) {
        tp_error_set(err, "%s: cannot use: %s", dir, strerror(errno));
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) {
        tp_error_set(err,
                     "%s: is %s, not a folder; nothing is read from it or kept there (move it "
                     "away: mv '%s' '%s.unsafe')",
                     dir, tp_file_kind(st.st_mode), dir, dir);
        return -1;
    }
    if (st.st_uid != geteuid()) {
        tp_error_set(err,
                     "%s: belongs to user %u, not to you (%u); nothing is read from it or kept "
                     "there (move it away: mv '%s' '%s.unsafe', or set XDG_STATE_HOME and "
                     "XDG_DATA_HOME to folders of your own)",
                     dir, (unsigned)st.st_uid, (unsigned)geteuid(), dir, dir);
        return -1;
    }
    if (st.st_mode & 022) {
        tp_error_set(err,
                     "%s: others can write to it (mode %04o); nothing is read from it or kept "
                     "there (make it private: chmod 700 '%s')",
                     dir, (unsigned)(st.st_mode & 07777), dir);
        return -1;
    }
    return 0;
}

char *tp_xdg_file(const char *var, const char *home_rel, const char *name, tp_error *err)
{
    err->msg[0] = 0;
    const char *base = getenv(var);
    const char *home = getenv("HOME");
    char dir[4096];
    if (base && base[0] == '/')
        snprintf(dir, sizeof dir, "%s", base);
    else if (home && home[0])
        snprintf(dir, sizeof dir, "%s/%s", home, home_rel);
    else
        return NULL;
    /* make each folder on the way, quietly; a failure shows when checking */
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
    if (check_folder(dir, err) != 0)
        return NULL;
    tp_buf path = {0};
    tp_buf_printf(&path, "%s/%s", dir, name);
    return path.data;
}

char *tp_state_file(const char *name, tp_error *err)
{
    return tp_xdg_file("XDG_STATE_HOME", ".local/state", name, err);
}

int tp_open_regular(const char *path, int flags, tp_error *err)
{
    const char *what = (flags & O_ACCMODE) == O_RDONLY ? "read" : "written";
    int fd = open(path, (flags ? flags : O_RDONLY) | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        int e = errno;
        struct stat st;
        if ((e == ELOOP || e == ENXIO) && lstat(path, &st) == 0)
            tp_error_set(err, "%s: is %s, not a regular file; not %s", path,
                         tp_file_kind(st.st_mode), what);
        else
            tp_error_set(err, "%s: cannot open: %s", path, strerror(e));
        errno = e;
        return -1;
    }
    struct stat st;
    memset(&st, 0, sizeof st);
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        tp_error_set(err, "%s: is %s, not a regular file; not %s", path, tp_file_kind(st.st_mode),
                     what);
        close(fd);
        errno = EINVAL;
        return -1;
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    return fd;
}

char *tp_read_regular(const char *path, size_t max, size_t *len, tp_error *err)
{
    int fd = tp_open_regular(path, O_RDONLY, err);
    if (fd < 0)
        return NULL;
    return tp_read_fd(fd, path, max, len, err);
}
