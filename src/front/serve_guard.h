/* serve_guard.h: what keeps `tptriage serve` answering under hostile load
 * and stopping without dropping a request.
 *
 * Every connection is tracked from accept to close (libmicrohttpd's
 * connection notifications). A request's headers and body must arrive
 * within the timeout counted from the connection's start or the end of its
 * previous response: a client that sends slower (one byte a second keeps
 * libmicrohttpd's idle timeout from ever firing) is cut off by the reaper
 * (shutdown of its socket), so slow clients cannot hold connections.
 * Stopping: no new connections (quiesce; those already accepted by the
 * kernel are taken in), then the requests in flight are finished, for at
 * most the grace time. */
#ifndef TP_SERVE_GUARD_H
#define TP_SERVE_GUARD_H

#include <stdarg.h>

#include <microhttpd.h>

typedef struct tp_guard_conn tp_guard_conn;

/* Before the server starts: a request's headers and body arrive within
 * timeout seconds. */
void tp_guard_init(double timeout);
/* libmicrohttpd's MHD_OPTION_NOTIFY_CONNECTION callback. */
void tp_guard_notify(void *cls, struct MHD_Connection *c, void **socket_context,
                     enum MHD_ConnectionNotificationCode toe);
/* libmicrohttpd's MHD_OPTION_EXTERNAL_LOGGER: its messages on stderr as
 * "tptriage: serve: ...", but for the one a refused body causes (the
 * refusal is the server's own, not an error). */
void tp_guard_log(void *cls, const char *fmt, va_list ap);
/* The tracked state of c (NULL if unknown). */
tp_guard_conn *tp_guard_of(struct MHD_Connection *c);
/* A request's headers are in (the access handler's first call). */
void tp_guard_begin(tp_guard_conn *g);
/* Whether the request being read has taken longer than the timeout. */
int tp_guard_late(const tp_guard_conn *g);
/* The request is complete (answered or given up): the next one's time
 * starts now. */
void tp_guard_end(tp_guard_conn *g);
/* Writes a whole response (len bytes) to g's socket at once and ends the
 * sending side, for a request refused while its body is read (the caller
 * then returns MHD_NO, and libmicrohttpd closes the connection). */
void tp_guard_refuse(tp_guard_conn *g, const char *response, size_t len);
/* Cuts every connection whose request is late (called about once a
 * second). Returns how many were cut. */
int tp_guard_reap(void);
/* Whether the server is stopping (responses then say Connection: close). */
int tp_guard_stopping(void);
/* Stops accepting, takes in the connections the kernel has already
 * accepted, and waits (at most grace seconds) until no request is in
 * flight. Returns the requests still in flight when it gave up. */
int tp_guard_drain(struct MHD_Daemon *d, double grace);

#endif
