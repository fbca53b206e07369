/* pool.h: worker processes and the frames they exchange with the parent.
 *
 * Batch and check's safety verification both spread work over forked
 * processes, each a copy of the loaded knowledge base. The pool starts them,
 * each with a socket to the parent, and waits for them; the frames below are
 * the one binary layout of what crosses those sockets (big-endian u32
 * lengths), written and read only here. */
#ifndef TP_POOL_H
#define TP_POOL_H

#include "util.h"

#include <stdint.h>
#include <sys/types.h>

/* A started worker, as the parent sees it. */
typedef struct {
    pid_t pid; /* the process */
    int fd;    /* the parent's end of its socket */
} tp_pool_worker;

/* Runs in worker k (of n) with its end of the socket; the process exits
 * with status 0 when it returns. */
typedef void (*tp_pool_fn)(void *ud, int k, int n, int fd);

/* Forks n workers, in order, each calling fn. A worker does not keep the
 * parent's ends of the sockets of the workers started before it. Returns
 * how many started (fewer than n: err says why the next did not). */
int tp_pool_start(tp_pool_worker *w, int n, tp_pool_fn fn, void *ud, tp_error *err);
/* Waits for a worker to end; returns its wait status. */
int tp_pool_wait(pid_t pid);

/* Reads what fd has now into b: 1, or 0 at its end, or -1 on an error. */
int tp_fd_fill(int fd, tp_buf *b);
/* Writes all of p to fd; -1 on an error (the reader has gone). */
int tp_fd_write_all(int fd, const char *p, size_t n);
/* Reads fd to its end into b. */
void tp_fd_read_all(int fd, tp_buf *b);

void tp_put_u32(tp_buf *b, uint32_t v);
uint32_t tp_get_u32(const char *p);

/* A job for a worker: its type, where it came from, and its bytes. */
typedef struct {
    int type;            /* what the payload is */
    uint32_t line;       /* its line in its source (0: none) */
    uint32_t src;        /* index of its source */
    const char *payload; /* the bytes (into the frame when read) */
    size_t len;          /* how many */
} tp_job_frame;

/* A job's result: a status and three byte strings. */
typedef struct {
    int status;      /* 0..255 */
    const char *out; /* for stdout */
    size_t olen;
    const char *err; /* for stderr */
    size_t elen;
    const char *sum; /* what the parent counts */
    size_t slen;
} tp_result_frame;

void tp_job_frame_put(tp_buf *b, const tp_job_frame *f);
void tp_result_frame_put(tp_buf *b, const tp_result_frame *f);
/* Reads the frame at p (avail bytes there) into f, pointing into p.
 * Returns the frame's size in bytes, or 0 when it is not all there yet. */
size_t tp_job_frame_get(const char *p, size_t avail, tp_job_frame *f);
size_t tp_result_frame_get(const char *p, size_t avail, tp_result_frame *f);

#endif
