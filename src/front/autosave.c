/* autosave.c: the session's answers kept on disk while it runs (see
 * autosave.h), and the state folder they live in. */
#include "autosave.h"

#include "session_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct tp_autosave {
    char *path;  /* the autosave file */
    tp_buf last; /* what was last written there (or found at start) */
    int warned;  /* a failed save has been said */
    int owned;   /* the file holds this session's answers (else it is left alone) */
};

char *tp_state_file(const char *name)
{
    return tp_xdg_file("XDG_STATE_HOME", ".local/state", name);
}

char *tp_xdg_file(const char *var, const char *home_rel, const char *name)
{
    const char *base = getenv(var);
    const char *home = getenv("HOME");
    char dir[4096];
    if (base && base[0] == '/')
        snprintf(dir, sizeof dir, "%s", base);
    else if (home && home[0])
        snprintf(dir, sizeof dir, "%s/%s", home, home_rel);
    else
        return NULL;
    /* make each folder on the way, quietly; a failure shows when writing */
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
    tp_buf path = {0};
    tp_buf_printf(&path, "%s/%s", dir, name);
    return path.data;
}

tp_autosave *tp_autosave_open(void)
{
    char *path = tp_state_file("autosave.sym");
    if (!path)
        return NULL;
    tp_autosave *a = calloc(1, sizeof *a);
    a->path = path;
    return a;
}

void tp_autosave_free(tp_autosave *a)
{
    if (!a)
        return;
    free(a->path);
    tp_buf_free(&a->last);
    free(a);
}

const char *tp_autosave_path(const tp_autosave *a)
{
    return a->path;
}

long tp_autosave_age(const tp_autosave *a)
{
    struct stat st;
    if (lstat(a->path, &st) != 0 || !S_ISREG(st.st_mode))
        return -1;
    long age = (long)(time(NULL) - st.st_mtime);
    return age < 0 ? 0 : age;
}

void tp_autosave_age_text(long s, char *out, size_t len)
{
    if (s < 60)
        snprintf(out, len, "just now");
    else if (s < 3600)
        snprintf(out, len, "%ld minute%s ago", s / 60, s / 60 == 1 ? "" : "s");
    else if (s < 86400)
        snprintf(out, len, "%ld hour%s ago", s / 3600, s / 3600 == 1 ? "" : "s");
    else
        snprintf(out, len, "%ld day%s ago", s / 86400, s / 86400 == 1 ? "" : "s");
}

/* Keeps a file that could not be resumed as PATH.old, for a person to read. */
static void keep_aside(tp_autosave *a)
{
    tp_buf old = {0};
    tp_buf_printf(&old, "%s.old", a->path);
    rename(a->path, old.data);
    tp_buf_free(&old);
}

int tp_autosave_restore(tp_autosave *a, tp_session *s, tp_error *err)
{
    size_t len;
    char *text = tp_read_file(a->path, TP_SYMFILE_MAX, &len, err);
    if (!text)
        return -1;
    tp_case c;
    tp_case_init(&c, "session");
    if (tp_symfile_parse(&c, s->kb, a->path, text, len, err) != 0) {
        tp_case_free(&c);
        free(text);
        keep_aside(a);
        return -1;
    }
    a->last.len = 0;
    tp_buf_add(&a->last, text, len);
    a->owned = 1;
    free(text);
    tp_case_free(&s->answers);
    s->answers = c;
    s->forced = -1;
    return c.nanswers;
}

void tp_autosave_discard(tp_autosave *a)
{
    if (unlink(a->path) != 0 && errno != ENOENT && !a->warned) {
        a->warned = 1;
        tp_report("%s: cannot remove: %s", a->path, strerror(errno));
    }
    a->last.len = 0;
    a->owned = 0;
}

int tp_autosave_update(tp_autosave *a, const tp_session *s, tp_error *err)
{
    const tp_case *c = tp_session_case(s);
    if (tp_session_done(s) || c->nanswers == 0) {
        if (a->owned)
            tp_autosave_discard(a);
        return 0;
    }
    tp_buf text = {0};
    tp_buf_printf(&text, "# tptriage: an unfinished session (knowledge base %s)\n",
                  tp_session_kb(s)->hash);
    tp_symfile_write(c, tp_session_kb(s), &text);
    int rv = 0;
    if (a->last.len != text.len || memcmp(a->last.data, text.data, text.len) != 0) {
        rv = tp_write_file(a->path, text.data, text.len, 1, err);
        a->last.len = 0;
        if (rv == 0) {
            tp_buf_add(&a->last, text.data, text.len);
            a->owned = 1;
        } else if (a->warned)
            rv = 0; /* said once is enough */
        else
            a->warned = 1;
    }
    tp_buf_free(&text);
    return rv;
}
