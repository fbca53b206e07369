/* wrap.c: text wrapped to a terminal's width (see wrap.h). */
/* fopencookie needs _GNU_SOURCE, which the build defines */
#include "wrap.h"

#include <stdlib.h>
#include <string.h>

/* Bytes of the escape sequence at p ("\033[1;31m"), or 0. */
static size_t escape_len(const char *p, size_t n)
{
    if (n < 2 || p[0] != '\033' || p[1] != '[')
        return 0;
    for (size_t i = 2; i < n; i++)
        if (p[i] >= '@' && p[i] <= '~')
            return i + 1;
    return n;
}

int tp_wrap_columns(const char *line, size_t n)
{
    int cols = 0;
    for (size_t i = 0; i < n;) {
        size_t e = escape_len(line + i, n - i);
        if (e) {
            i += e;
            continue;
        }
        if (((unsigned char)line[i] & 0xC0) != 0x80)
            cols++;
        i++;
    }
    return cols;
}

/* Columns continuation lines of line start at: its indent, and the marker
 * of a list item after it ("- ", "* ", "!! ", "12 ", "3. "). */
static int hanging(const char *line, size_t n, int width)
{
    size_t i = 0;
    while (i < n && line[i] == ' ')
        i++;
    size_t m = i;
    while (m < n && line[m] >= '0' && line[m] <= '9' && m - i < 3)
        m++;
    if (m > i && m < n && line[m] == '.')
        m++;
    if (m == i) {
        if (m + 1 < n && (line[m] == '-' || line[m] == '*'))
            m++;
        else if (m + 2 < n && line[m] == '!' && line[m + 1] == '!')
            m += 2;
    }
    if (m > i && m < n && line[m] == ' ') {
        i = m; /* under the text: past every blank after the mark ("  3  text") */
        while (i < n && line[i] == ' ')
            i++;
    } else { /* two columns ("  :why   why this question now"): under the second */
        const char *two = memmem(line + i, n - i, "  ", 2);
        if (two && two > line + i) {
            size_t k = (size_t)(two - line);
            while (k < n && line[k] == ' ')
                k++;
            if (k < n)
                i = k;
        }
    }
    int h = tp_wrap_columns(line, i);
    return h > width / 2 ? 0 : h;
}

void tp_wrap_line(const char *line, size_t n, int width, tp_buf *out)
{
    if (width <= 0 || tp_wrap_columns(line, n) <= width) {
        tp_buf_add(out, line, n);
        tp_buf_puts(out, "\n");
        return;
    }
    int hang = hanging(line, n, width);
    size_t i = 0;
    while (i < n && line[i] == ' ') /* the indent is kept as it is */
        i++;
    tp_buf_add(out, line, i);
    int col = tp_wrap_columns(line, i), first = 1;
    while (i < n) {
        size_t gap = i;
        while (i < n && line[i] == ' ')
            i++;
        size_t gapn = i - gap, w = i;
        while (w < n && line[w] != ' ')
            w++;
        if (w == i) /* trailing blanks */
            break;
        int ww = tp_wrap_columns(line + i, w - i);
        if (!first && col + (int)gapn + ww > width) {
            tp_buf_puts(out, "\n");
            for (int k = 0; k < hang; k++)
                tp_buf_puts(out, " ");
            col = hang;
        } else {
            tp_buf_add(out, line + gap, gapn);
            col += (int)gapn;
        }
        tp_buf_add(out, line + i, w - i);
        col += ww;
        first = 0;
        i = w;
    }
    tp_buf_puts(out, "\n");
}

/* ---- the stream --------------------------------------------------------------- */

struct wrapper {
    FILE *to;         /* where wrapped lines go */
    const int *width; /* the width now */
    tp_buf line;      /* the line being written */
};

static ssize_t wrapper_write(void *cookie, const char *data, size_t n)
{
    struct wrapper *w = cookie;
    for (size_t i = 0; i < n;) {
        const char *nl = memchr(data + i, '\n', n - i);
        size_t k = nl ? (size_t)(nl - (data + i)) : n - i;
        tp_buf_add(&w->line, data + i, k);
        i += k;
        if (nl) {
            tp_buf out = {0};
            tp_wrap_line(w->line.data ? w->line.data : "", w->line.len, *w->width, &out);
            fwrite(out.data, 1, out.len, w->to);
            tp_buf_free(&out);
            w->line.len = 0;
            i++;
        }
    }
    fflush(w->to);
    return ferror(w->to) ? -1 : (ssize_t)n;
}

static int wrapper_close(void *cookie)
{
    struct wrapper *w = cookie;
    if (w->line.len)
        fwrite(w->line.data, 1, w->line.len, w->to);
    fflush(w->to);
    tp_buf_free(&w->line);
    free(w);
    return 0;
}

FILE *tp_wrap_stream(FILE *to, const int *width)
{
    struct wrapper *w = tp_xmalloc(sizeof *w);
    memset(w, 0, sizeof *w);
    w->to = to;
    w->width = width;
    cookie_io_functions_t io = {NULL, wrapper_write, NULL, wrapper_close};
    FILE *f = fopencookie(w, "w", io);
    if (!f) {
        free(w);
        return NULL;
    }
    setvbuf(f, NULL, _IONBF, 0);
    return f;
}
