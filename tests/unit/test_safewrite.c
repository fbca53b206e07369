/* test_safewrite.c: the one safe writer (src/util/safewrite.c). Only regular
 * files are replaced; symbolic links, folders, devices, FIFOs and sockets
 * are refused and left as they were; names planted next to the target
 * (the old predictable temporary names) are never followed; a full disk,
 * a file size limit or a read-only folder leave the old file intact and no
 * temporary file; modes are kept or made private as asked. */
#include "testutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[64]; /* a fresh folder for each test */

static void setup(void)
{
    snprintf(dir, sizeof dir, "/tmp/tptriage-safewrite-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    chmod(dir, 0755); /* the unprivileged user of the read-only test gets in */
}

static void teardown(void)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "chmod -R u+w %s 2>/dev/null; rm -rf %s", dir, dir);
    ck_assert_int_eq(system(cmd), 0);
}

static const char *in_dir(const char *name)
{
    static char path[4][256];
    static int k;
    k = (k + 1) % 4;
    snprintf(path[k], sizeof path[k], "%s/%s", dir, name);
    return path[k];
}

static void put(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    ck_assert_int_eq(fclose(f), 0);
}

static void assert_content(const char *path, const char *want)
{
    size_t len;
    tp_error err = {{0}};
    char *got = tp_read_file(path, 1 << 20, &len, &err);
    ck_assert_msg(got != NULL, "%s", err.msg);
    ck_assert_str_eq(got, want);
    free(got);
}

/* How many entries the test folder holds (a left-over temporary file shows). */
static int entries(void)
{
    DIR *d = opendir(dir);
    ck_assert_ptr_nonnull(d);
    int n = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL)
        n += strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0;
    closedir(d);
    return n;
}

static mode_t mode_of(const char *path)
{
    struct stat st;
    ck_assert_int_eq(lstat(path, &st), 0);
    return st.st_mode;
}

START_TEST(new_and_existing_modes)
{
    tp_error err = {{0}};
    mode_t old = umask(022);
    const char *p = in_dir("report.md");
    ck_assert_int_eq(tp_write_file_atomic(p, "one\n", 4, &err), 0);
    assert_content(p, "one\n");
    ck_assert_int_eq(mode_of(p) & 07777, 0644);
    /* an existing file keeps its mode */
    ck_assert_int_eq(chmod(p, 0640), 0);
    ck_assert_int_eq(tp_write_file_atomic(p, "two\n", 4, &err), 0);
    assert_content(p, "two\n");
    ck_assert_int_eq(mode_of(p) & 07777, 0640);
    /* private: 0600, new or not */
    const char *q = in_dir("autosave");
    ck_assert_int_eq(tp_write_file(q, "x", 1, TP_MODE_PRIVATE, &err), 0);
    ck_assert_int_eq(mode_of(q) & 07777, 0600);
    ck_assert_int_eq(tp_write_file(p, "three\n", 6, TP_MODE_PRIVATE, &err), 0);
    ck_assert_int_eq(mode_of(p) & 07777, 0600);
    ck_assert_int_eq(entries(), 2); /* no temporary file left */
    umask(old);
}
END_TEST

START_TEST(relative_name_in_the_current_folder)
{
    char here[4096];
    ck_assert_ptr_nonnull(getcwd(here, sizeof here));
    ck_assert_int_eq(chdir(dir), 0);
    tp_error err = {{0}};
    int rv = tp_write_file_atomic("answers.sym", "age = 1\n", 8, &err);
    ck_assert_int_eq(chdir(here), 0);
    ck_assert_msg(rv == 0, "%s", err.msg);
    assert_content(in_dir("answers.sym"), "age = 1\n");
    ck_assert_int_eq(entries(), 1);
}
END_TEST

START_TEST(symbolic_links_are_refused)
{
    tp_error err = {{0}};
    const char *victim = in_dir("victim");
    const char *link = in_dir("report.md");
    put(victim, "precious\n");
    ck_assert_int_eq(symlink(victim, link), 0);
    ck_assert_int_eq(tp_write_file_atomic(link, "evil\n", 5, &err), -1);
    ck_assert_msg(strstr(err.msg, "report.md: is a symbolic link") != NULL, "%s", err.msg);
    assert_content(victim, "precious\n");
    ck_assert(S_ISLNK(mode_of(link)));
    /* a dangling link is refused too (it would create its target) */
    const char *dangling = in_dir("dangling");
    ck_assert_int_eq(symlink(in_dir("nowhere"), dangling), 0);
    ck_assert_int_eq(tp_write_file_atomic(dangling, "evil\n", 5, &err), -1);
    ck_assert(access(in_dir("nowhere"), F_OK) != 0);
    ck_assert_int_eq(entries(), 3);
}
END_TEST

/* Links planted at every name an older writer used next to the target
 * (NAME.tmp.PID, NAME.tmp, NAME~, NAME.new) are never followed. */
START_TEST(planted_names_are_not_followed)
{
    tp_error err = {{0}};
    const char *victim = in_dir("victim");
    put(victim, "precious\n");
    const char *target = in_dir("answers.sym");
    char name[4][300];
    snprintf(name[0], sizeof name[0], "%s.tmp.%ld", target, (long)getpid());
    snprintf(name[1], sizeof name[1], "%s.tmp", target);
    snprintf(name[2], sizeof name[2], "%s~", target);
    snprintf(name[3], sizeof name[3], "%s.new", target);
    for (int i = 0; i < 4; i++)
        ck_assert_int_eq(symlink(victim, name[i]), 0);
    ck_assert_int_eq(tp_write_file_atomic(target, "age = 1\n", 8, &err), 0);
    assert_content(target, "age = 1\n");
    assert_content(victim, "precious\n");
    for (int i = 0; i < 4; i++)
        ck_assert(S_ISLNK(mode_of(name[i])));
    ck_assert_int_eq(entries(), 6);
}
END_TEST

START_TEST(non_regular_files_are_refused)
{
    tp_error err = {{0}};
    /* a folder */
    const char *folder = in_dir("folder.md");
    ck_assert_int_eq(mkdir(folder, 0700), 0);
    ck_assert_int_eq(tp_write_file_atomic(folder, "x", 1, &err), -1);
    ck_assert_msg(strstr(err.msg, "folder.md: is a folder, not a regular file; not replaced"), "%s",
                  err.msg);
    ck_assert(S_ISDIR(mode_of(folder)));
    /* a FIFO */
    const char *fifo = in_dir("fifo.md");
    ck_assert_int_eq(mkfifo(fifo, 0600), 0);
    ck_assert_int_eq(tp_write_file_atomic(fifo, "x", 1, &err), -1);
    ck_assert_msg(strstr(err.msg, "is a FIFO (named pipe)"), "%s", err.msg);
    ck_assert(S_ISFIFO(mode_of(fifo)));
    /* a socket */
    const char *sock = in_dir("sock.md");
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    snprintf(sa.sun_path, sizeof sa.sun_path, "%s", sock);
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    ck_assert_int_eq(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);
    ck_assert_int_eq(tp_write_file_atomic(sock, "x", 1, &err), -1);
    ck_assert_msg(strstr(err.msg, "is a socket"), "%s", err.msg);
    ck_assert(S_ISSOCK(mode_of(sock)));
    close(fd);
    ck_assert_int_eq(entries(), 3);
    /* devices: /dev/full and /dev/null stay devices (as root they were replaced) */
    ck_assert_int_eq(tp_write_file_atomic("/dev/full", "x", 1, &err), -1);
    ck_assert_msg(strstr(err.msg, "/dev/full: is a device, not a regular file"), "%s", err.msg);
    ck_assert(S_ISCHR(mode_of("/dev/full")));
    ck_assert_int_eq(tp_write_file_atomic("/dev/null", "x", 1, &err), -1);
    ck_assert(S_ISCHR(mode_of("/dev/null")));
    /* a missing folder */
    ck_assert_int_eq(tp_write_file_atomic(in_dir("no/such.md"), "x", 1, &err), -1);
    ck_assert_msg(strstr(err.msg, "such.md: cannot write: No such file or directory"), "%s",
                  err.msg);
}
END_TEST

/* A write cut off by a file size limit (EFBIG) leaves the old file. */
START_TEST(file_size_limit_keeps_the_old_file)
{
    const char *p = in_dir("answers.sym");
    put(p, "numbness = no\n");
    size_t big = 64 * 1024;
    char *data = malloc(big);
    memset(data, '#', big);
    struct rlimit old, small = {4096, 4096};
    getrlimit(RLIMIT_FSIZE, &old);
    signal(SIGXFSZ, SIG_IGN);
    ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &small), 0);
    tp_error err = {{0}};
    int rv = tp_write_file_atomic(p, data, big, &err);
    setrlimit(RLIMIT_FSIZE, &old);
    free(data);
    ck_assert_int_eq(rv, -1);
    ck_assert_msg(strstr(err.msg, "answers.sym: cannot write: File too large"), "%s", err.msg);
    assert_content(p, "numbness = no\n");
    ck_assert_int_eq(entries(), 1);
}
END_TEST

/* Runs fn in a child process; returns its exit status (77: skipped). */
static int in_child(int (*fn)(void))
{
    fflush(NULL);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0)
        _exit(fn());
    int status;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFEXITED(status));
    return WEXITSTATUS(status);
}

/* In a private mount namespace, a 64 KiB tmpfs at dir/small; a write of
 * 256 KiB over a file there fails with ENOSPC and keeps the old file. */
static void put_proc(const char *file, const char *fmt, long id)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/self/%s", file);
    FILE *f = fopen(path, "w");
    if (f) {
        fprintf(f, fmt, id);
        fclose(f);
    }
}

static int private_mounts(void)
{
    if (geteuid() == 0)
        return unshare(CLONE_NEWNS);
    /* not root: a user namespace where we are root (as unshare -r does) */
    long uid = (long)getuid(), gid = (long)getgid();
    if (unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0)
        return -1;
    put_proc("setgroups", "deny", 0);
    put_proc("uid_map", "0 %ld 1", uid);
    put_proc("gid_map", "0 %ld 1", gid);
    return 0;
}

static int full_disk(void)
{
    if (private_mounts() != 0 || mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
        mkdir(in_dir("small"), 0700) != 0 ||
        mount("tmpfs", in_dir("small"), "tmpfs", 0, "size=64k,mode=0777") != 0) {
        printf("test_safewrite: full disk not tried: no private tmpfs here (%s)\n",
               strerror(errno));
        return 77;
    }
    const char *p = in_dir("small/answers.sym");
    FILE *f = fopen(p, "w"); /* no ck_assert in a child of the test */
    if (!f || fputs("numbness = no\n", f) < 0 || fclose(f) != 0)
        return 3;
    size_t big = 256 * 1024;
    char *data = calloc(1, big);
    tp_error err = {{0}};
    int rv = tp_write_file_atomic(p, data, big, &err);
    free(data);
    if (rv != -1 || !strstr(err.msg, "cannot write: No space left on device")) {
        printf("full disk: rv %d, %s\n", rv, err.msg);
        return 1;
    }
    size_t len;
    char *got = tp_read_file(p, 1 << 20, &len, &err);
    int ok = got && strcmp(got, "numbness = no\n") == 0;
    free(got);
    DIR *d = opendir(in_dir("small"));
    int n = 0;
    for (struct dirent *de; d && (de = readdir(d)) != NULL;)
        n += de->d_name[0] != '.' || strncmp(de->d_name, ".tptriage", 9) == 0;
    if (d)
        closedir(d);
    umount(in_dir("small"));
    return ok && n == 1 ? 0 : 2;
}

START_TEST(full_disk_keeps_the_old_file)
{
    int rv = in_child(full_disk);
    ck_assert_msg(rv == 0 || rv == 77, "full disk: status %d", rv);
}
END_TEST

/* A read-only folder: as an unprivileged user (root ignores permissions,
 * so a root run drops to nobody in a child first). */
static int read_only_folder(void)
{
    if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0)) {
        printf("test_safewrite: read-only folder not tried: cannot become nobody (%s)\n",
               strerror(errno));
        return 77;
    }
    tp_error err = {{0}};
    int rv = tp_write_file_atomic(in_dir("ro/answers.sym"), "age = 1\n", 8, &err);
    if (rv != -1 || !strstr(err.msg, "answers.sym: cannot write: Permission denied")) {
        printf("read-only folder: rv %d, %s\n", rv, err.msg);
        return 1;
    }
    return 0;
}

START_TEST(read_only_folder_keeps_the_old_file)
{
    ck_assert_int_eq(mkdir(in_dir("ro"), 0755), 0);
    put(in_dir("ro/answers.sym"), "numbness = no\n");
    ck_assert_int_eq(chmod(in_dir("ro/answers.sym"), 0666), 0);
    ck_assert_int_eq(chmod(in_dir("ro"), 0555), 0);
    int rv = in_child(read_only_folder);
    ck_assert_msg(rv == 0 || rv == 77, "read-only folder: status %d", rv);
    assert_content(in_dir("ro/answers.sym"), "numbness = no\n");
    DIR *d = opendir(in_dir("ro"));
    int n = 0;
    for (struct dirent *de; (de = readdir(d)) != NULL;)
        n += de->d_name[0] != '.' || strncmp(de->d_name, ".tptriage", 9) == 0;
    closedir(d);
    ck_assert_int_eq(n, 1);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("safewrite");
    TCase *t = tcase_create("safewrite");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, new_and_existing_modes);
    tcase_add_test(t, relative_name_in_the_current_folder);
    tcase_add_test(t, symbolic_links_are_refused);
    tcase_add_test(t, planted_names_are_not_followed);
    tcase_add_test(t, non_regular_files_are_refused);
    tcase_add_test(t, file_size_limit_keeps_the_old_file);
    tcase_add_test(t, full_disk_keeps_the_old_file);
    tcase_add_test(t, read_only_folder_keeps_the_old_file);
    suite_add_tcase(s, t);
    return tu_run(s) ? 1 : 0;
}
