/* util.c: errors, buffers, arena, files, hashing. */
#include "util.h"

#include <ctype.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

void tp_error_set(tp_error *e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
}

void tp_report(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("tptriage: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

int tp_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "tptriage: %s: ", cmd);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, " (tptriage %s --help)\n", cmd);
    va_end(ap);
    return TP_EXIT_USAGE;
}

int tp_bad_option(const char *cmd, const char *arg, const char *const *with_values)
{
    for (const char *const *o = with_values; o && *o; o++)
        if (strcmp(*o, arg) == 0)
            return tp_usage_error(cmd, "%s needs a value", arg);
    if (arg[0] == '-' && arg[1])
        return tp_usage_error(cmd, "unknown option '%s'", arg);
    return tp_usage_error(cmd, "unexpected argument '%s'", arg);
}

void *tp_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        tp_report("out of memory");
        abort();
    }
    return p;
}

void *tp_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        tp_report("out of memory");
        abort();
    }
    return q;
}

char *tp_xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(tp_xmalloc(n), s, n);
}

void tp_buf_add(tp_buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        b->data = tp_xrealloc(b->data, cap);
        b->cap = cap;
    }
    if (n) /* s may be NULL when n is 0 (an empty buffer's data) */
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = 0;
}

void tp_buf_puts(tp_buf *b, const char *s)
{
    tp_buf_add(b, s, strlen(s));
}

void tp_buf_printf(tp_buf *b, const char *fmt, ...)
{
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        tp_buf_add(b, small, (size_t)n);
        return;
    }
    char *big = tp_xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    tp_buf_add(b, big, (size_t)n);
    free(big);
}

void tp_buf_free(tp_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

int tp_strset_has(const tp_strset *s, const char *str)
{
    for (int i = 0; i < s->n; i++)
        if (strcmp(s->v[i], str) == 0)
            return 1;
    return 0;
}

int tp_strset_add(tp_strset *s, const char *str)
{
    if (tp_strset_has(s, str))
        return 0;
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 32;
        s->v = tp_xrealloc(s->v, (size_t)s->cap * sizeof *s->v);
    }
    s->v[s->n++] = tp_xstrdup(str);
    return 1;
}

void tp_strset_clear(tp_strset *s)
{
    for (int i = 0; i < s->n; i++)
        free(s->v[i]);
    s->n = 0;
}

void tp_strset_free(tp_strset *s)
{
    tp_strset_clear(s);
    free(s->v);
    s->v = NULL;
    s->cap = 0;
}

struct tp_arena_block {
    tp_arena_block *next; /* older block */
    size_t used, cap;     /* bytes used and available */
    char mem[];           /* the storage */
};

void *tp_arena_alloc(tp_arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if (!a->head || a->head->used + n > a->head->cap) {
        size_t cap = n > 16384 ? n : 16384;
        tp_arena_block *b = tp_xmalloc(sizeof *b + cap);
        b->next = a->head;
        b->used = 0;
        b->cap = cap;
        a->head = b;
    }
    void *p = a->head->mem + a->head->used;
    a->head->used += n;
    return p;
}

char *tp_arena_strdup(tp_arena *a, const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(tp_arena_alloc(a, n), s, n);
}

void tp_arena_reset(tp_arena *a)
{
    while (a->head && a->head->next) {
        tp_arena_block *b = a->head;
        a->head = b->next;
        free(b);
    }
    if (a->head)
        a->head->used = 0;
}

void tp_arena_free(tp_arena *a)
{
    tp_arena_reset(a);
    free(a->head);
    a->head = NULL;
}

char *tp_read_file(const char *path, size_t max, size_t *len, tp_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        tp_error_set(err, "%s: cannot open: %s", path, strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        tp_error_set(err, "%s: is a directory", path);
        return NULL;
    }
    return tp_read_fd(fd, path, max, len, err);
}

char *tp_read_fd(int fd, const char *path, size_t max, size_t *len, tp_error *err)
{
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        tp_error_set(err, "%s: cannot open: %s", path, strerror(errno));
        close(fd);
        return NULL;
    }
    tp_buf b = {0};
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (b.len + n > max) {
            fclose(f);
            tp_buf_free(&b);
            tp_error_set(err, "%s: larger than the limit of %zu bytes", path, max);
            return NULL;
        }
        tp_buf_add(&b, chunk, n);
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        tp_buf_free(&b);
        tp_error_set(err, "%s: cannot read: %s", path, strerror(errno));
        return NULL;
    }
    if (!b.data)
        tp_buf_add(&b, "", 0);
    *len = b.len;
    return b.data;
}

uint64_t tp_hash(uint64_t h, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 1099511628211ULL;
    }
    return h;
}

double tp_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void tp_fold(const char *in, char *out, size_t len)
{
    size_t o = 0;
    int sep = 0;
    if (len == 0)
        return;
    for (const unsigned char *p = (const unsigned char *)in; *p && o + 1 < len; p++) {
        if (isspace(*p) || *p == '-' || *p == '_') {
            sep = o > 0;
            continue;
        }
        if (sep && o + 2 < len)
            out[o++] = '-';
        sep = 0;
        out[o++] = (char)tolower(*p);
    }
    while (o > 0 && (out[o - 1] == '.' || out[o - 1] == '!' || out[o - 1] == '-'))
        o--;
    out[o] = 0;
}
