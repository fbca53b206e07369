/* safewrite.c: the one way tptriage writes a file (reports, saved answers,
 * the session's autosave and history, anything new).
 *
 * The data goes to a fresh temporary file made by mkstemp (O_EXCL, mode
 * 0600) in the target's own folder, is flushed to disk, gets its final mode
 * (an existing file's mode and owner are kept), and is renamed over the
 * target; then the folder is flushed so the rename survives a crash. A
 * failure at any step leaves the old file as it was and no temporary file.
 *
 * Only a regular file (or no file) is replaced. A symbolic link at the
 * target is refused, not followed: following it would let whoever can plant
 * a link in a shared folder make a run (as root) replace any file. A folder,
 * device, FIFO or socket is refused too, never replaced. */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *tp_file_kind(unsigned mode)
{
    if (S_ISREG(mode))
        return "a regular file";
    if (S_ISDIR(mode))
        return "a folder";
    if (S_ISLNK(mode))
        return "a symbolic link";
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return "a device";
    if (S_ISFIFO(mode))
        return "a FIFO (named pipe)";
    if (S_ISSOCK(mode))
        return "a socket";
    return "not a regular file";
}

/* Checks what is at path now: 0 with *exists set when it is a regular file
 * or nothing, -1 with err set when it must not be replaced. */
static int check_target(const char *path, struct stat *st, int *exists, tp_error *err)
{
    *exists = 0;
    if (lstat(path, st) != 0) {
        if (errno == ENOENT)
            return 0;
        tp_error_set(err, "%s: cannot write: %s", path, strerror(errno));
        return -1;
    }
    if (S_ISLNK(st->st_mode)) {
        char to[PATH_MAX];
        ssize_t n = readlink(path, to, sizeof to - 1);
        to[n > 0 ? n : 0] = 0;
        tp_error_set(err,
                     "%s: is a symbolic link (to %s); not written: give the path of the file "
                     "itself",
                     path, n > 0 ? to : "?");
        return -1;
    }
    if (!S_ISREG(st->st_mode)) {
        tp_error_set(err, "%s: is %s, not a regular file; not replaced", path,
                     tp_file_kind(st->st_mode));
        return -1;
    }
    *exists = 1;
    return 0;
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t k = write(fd, p, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0) {
            if (k == 0)
                errno = ENOSPC;
            return -1;
        }
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

/* Flushes the folder holding a renamed file, so that the rename is on disk;
 * best effort (some file systems cannot sync a folder). */
static void sync_folder(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

int tp_write_file(const char *path, const char *data, size_t len, int mode_given, tp_error *err)
{
    struct stat st;
    int exists;
    if (!path[0]) {
        tp_error_set(err, "no file name given");
        return -1;
    }
    if (check_target(path, &st, &exists, err) != 0)
        return -1;

    /* the temporary file: DIR/.tptriage-XXXXXX, next to the target */
    const char *slash = strrchr(path, '/');
    size_t dlen = slash ? (size_t)(slash - path) : 1;
    char *dir = tp_xmalloc(dlen + 2); /* room for "/" or "." */
    if (slash)
        memcpy(dir, path, dlen);
    else
        dir[0] = '.';
    dir[dlen] = 0;
    if (slash && dlen == 0) /* "/name" */
        strcpy(dir, "/");
    size_t tlen = strlen(dir) + 32;
    char *tmp = tp_xmalloc(tlen);
    snprintf(tmp, tlen, "%s%s.tptriage-XXXXXX", dir, strcmp(dir, "/") == 0 ? "" : "/");
    int rv = -1;
    int fd = mkostemp(tmp, O_CLOEXEC);
    if (fd < 0) {
        tp_error_set(err, "%s: cannot write: %s", path, strerror(errno));
        goto out;
    }
    mode_t mode;
    if (mode_given >= 0) {
        mode = (mode_t)mode_given & 07777;
    } else if (exists) {
        mode = st.st_mode & 07777;
    } else {
        mode_t mask = umask(022);
        umask(mask);
        mode = 0666 & ~mask;
    }
    int bad = write_all(fd, data, len) != 0;
    if (!bad && exists && geteuid() == 0 && (st.st_uid != getuid() || st.st_gid != getgid()))
        (void)!fchown(fd, st.st_uid, st.st_gid); /* root keeps another's file theirs */
    bad = bad || fchmod(fd, mode) != 0;
    bad = bad || fsync(fd) != 0;
    int saved = errno;
    if (close(fd) != 0 && !bad) {
        bad = 1;
        saved = errno;
    }
    if (bad) {
        tp_error_set(err, "%s: cannot write: %s", path, strerror(saved));
        unlink(tmp);
        goto out;
    }
    /* the target may have changed since it was checked: check again */
    if (check_target(path, &st, &exists, err) != 0) {
        unlink(tmp);
        goto out;
    }
    if (rename(tmp, path) != 0) {
        tp_error_set(err, "%s: cannot write: %s", path, strerror(errno));
        unlink(tmp);
        goto out;
    }
    sync_folder(dir);
    rv = 0;
out:
    free(tmp);
    free(dir);
    return rv;
}

int tp_write_file_atomic(const char *path, const char *data, size_t len, tp_error *err)
{
    return tp_write_file(path, data, len, TP_MODE_KEEP, err);
}
