/* streams.h: honest errors on stdout and stderr, and what a signal means.
 *
 * A write error on stdout or stderr (a full disk, a file size limit, an I/O
 * error) is reported once as "tptriage: stdout: No space left on device" and
 * ends the run with TP_EXIT_IOERR (74). A reader that went away (EPIPE) ends
 * the run quietly by SIGPIPE, as head(1) expects. */
#ifndef TP_STREAMS_H
#define TP_STREAMS_H

#include <stddef.h>
#include <stdio.h>

/* At the start of every command: a file size limit gives EFBIG to the write
 * that meets it (reported like any write error) instead of killing us, and
 * exit() checks the streams as tp_streams_finish does. */
void tp_streams_init(void);

/* Whether stdout or stderr has had a write error (a loop stops on it). */
int tp_streams_failed(void);

/* At the end of a command: flushes stdout and stderr. On a write error,
 * reports it and returns TP_EXIT_IOERR (or dies of SIGPIPE on EPIPE);
 * otherwise returns rv. */
int tp_streams_finish(int rv);

/* Writes all of p to fd (1 or 2) with write(2); on an error reports it
 * and _exits with TP_EXIT_IOERR (EPIPE: dies of SIGPIPE). For processes
 * that write with no stdio buffer (batch and its workers). */
void tp_write_fd(int fd, const char *p, size_t n);

/* Reports errno err on stream fd once per process ("stdout: reason"). */
void tp_stream_error(int fd, int err);

/* "SIGXFSZ: file size limit exceeded (ulimit -f)": the signal's name and
 * what it means, into buf. */
const char *tp_signal_text(int sig, char *buf, size_t len);

#endif
