/* pool.c: worker processes and their frames (see pool.h). */
#include "pool.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

int tp_pool_start(tp_pool_worker *w, int n, tp_pool_fn fn, void *ud, tp_error *err)
{
    for (int k = 0; k < n; k++) {
        int sv[2];
        if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0) {
            tp_error_set(err, "cannot start worker %d: %s", k + 1, strerror(errno));
            return k;
        }
        fflush(NULL); /* else what stdio holds would be written twice */
        pid_t pid = fork();
        if (pid < 0) {
            tp_error_set(err, "cannot start worker %d: %s", k + 1, strerror(errno));
            close(sv[0]);
            close(sv[1]);
            return k;
        }
        if (pid == 0) {
            close(sv[0]);
            for (int i = 0; i < k; i++)
                close(w[i].fd); /* else an earlier worker never sees its end of input */
            fn(ud, k, n, sv[1]);
            _exit(0);
        }
        close(sv[1]);
        w[k].pid = pid;
        w[k].fd = sv[0];
    }
    return n;
}

int tp_pool_wait(pid_t pid)
{
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    return status;
}

int tp_fd_fill(int fd, tp_buf *b)
{
    char chunk[65536];
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return (int)n;
        tp_buf_add(b, chunk, (size_t)n);
        return 1;
    }
}

int tp_fd_write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t k = write(fd, p, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

void tp_fd_read_all(int fd, tp_buf *b)
{
    while (tp_fd_fill(fd, b) > 0)
        ;
}

void tp_put_u32(tp_buf *b, uint32_t v)
{
    unsigned char x[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 8), (unsigned char)v};
    tp_buf_add(b, (const char *)x, 4);
}

uint32_t tp_get_u32(const char *p)
{
    const unsigned char *x = (const unsigned char *)p;
    return (uint32_t)x[0] << 24 | (uint32_t)x[1] << 16 | (uint32_t)x[2] << 8 | x[3];
}

/* A job frame:    [u32 size][u8 type][u32 line][u32 source][payload]
 * A result frame: [u32 size][u8 status][u32 out][u32 err][u32 sum][out][err][sum]
 * where size counts the bytes after it. */
#define JOB_HEAD 9
#define RESULT_HEAD 13

void tp_job_frame_put(tp_buf *b, const tp_job_frame *f)
{
    tp_put_u32(b, (uint32_t)(JOB_HEAD + f->len));
    tp_buf_add(b, (const char[]){(char)f->type}, 1);
    tp_put_u32(b, f->line);
    tp_put_u32(b, f->src);
    tp_buf_add(b, f->payload ? f->payload : "", f->len);
}

/* The size of the whole frame at p, or 0 when not all of it is there. */
static size_t whole(const char *p, size_t avail)
{
    size_t n = avail < 4 ? 0 : 4 + (size_t)tp_get_u32(p);
    return avail >= n ? n : 0;
}

size_t tp_job_frame_get(const char *p, size_t avail, tp_job_frame *f)
{
    size_t n = whole(p, avail);
    if (n) {
        f->type = (unsigned char)p[4];
        f->line = tp_get_u32(p + 5);
        f->src = tp_get_u32(p + 9);
        f->payload = p + 4 + JOB_HEAD;
        f->len = n - 4 - JOB_HEAD;
    }
    return n;
}

void tp_result_frame_put(tp_buf *b, const tp_result_frame *f)
{
    tp_put_u32(b, (uint32_t)(RESULT_HEAD + f->olen + f->elen + f->slen));
    tp_buf_add(b, (const char[]){(char)f->status}, 1);
    tp_put_u32(b, (uint32_t)f->olen);
    tp_put_u32(b, (uint32_t)f->elen);
    tp_put_u32(b, (uint32_t)f->slen);
    tp_buf_add(b, f->out ? f->out : "", f->olen);
    tp_buf_add(b, f->err ? f->err : "", f->elen);
    tp_buf_add(b, f->sum ? f->sum : "", f->slen);
}

size_t tp_result_frame_get(const char *p, size_t avail, tp_result_frame *f)
{
    size_t n = whole(p, avail);
    if (!n)
        return 0;
    f->status = (unsigned char)p[4];
    f->olen = tp_get_u32(p + 5);
    f->elen = tp_get_u32(p + 9);
    f->slen = tp_get_u32(p + 13);
    f->out = p + 4 + RESULT_HEAD;
    f->err = f->out + f->olen;
    f->sum = f->err + f->elen;
    return n;
}
