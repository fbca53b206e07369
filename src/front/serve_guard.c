/* serve_guard.c: connections tracked, slow requests cut, and a graceful
 * stop for `tptriage serve` (see serve_guard.h). */
#include "serve_guard.h"
#include "mhd.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define FRESH 1.0  /* seconds a new connection counts as in flight before its first request */
#define LINGER 2.0 /* seconds a refused connection's rest is read and dropped, at most */
#define LINGER_BYTES (1 << 20) /* bytes read and dropped so, at most */
#define LINGER_MAX 256         /* refused connections lingering at once (more: closed at once) */

struct tp_guard_conn {
    int fd;          /* its socket */
    double since;    /* when it opened, or when its last request ended */
    int in_request;  /* its request's headers are in, not yet answered */
    int had_request; /* it has had a request */
    int cut;         /* the reaper shut it down */
    tp_guard_conn *prev, *next;
};

/* A refused connection, kept open a little after libmicrohttpd let it go,
 * so that its client reads the refusal before the close (closing a socket
 * with unread bytes resets it, and the client may then lose the answer). */
typedef struct {
    int fd;       /* a copy of its socket */
    double until; /* closed then at the latest */
    long dropped; /* bytes read and dropped */
} linger;

static struct {
    pthread_mutex_t lock; /* guards the list and every entry */
    linger lingering[LINGER_MAX];
    int nlingering;
    tp_guard_conn *head; /* the open connections */
    double timeout;      /* a request's headers and body arrive within this */
    int stopping;        /* set (atomically) once the stop began; read by every thread */
} G = {.lock = PTHREAD_MUTEX_INITIALIZER, .timeout = 10};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void tp_guard_init(double timeout)
{
    G.timeout = timeout;
}

/* libmicrohttpd calls CLOSED before it closes the socket, so an entry's fd
 * is the connection's own while it is in the list. */
void tp_guard_notify(void *cls, struct MHD_Connection *c, void **socket_context,
                     enum MHD_ConnectionNotificationCode toe)
{
    (void)cls;
    if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *info =
            MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        tp_guard_conn *g = calloc(1, sizeof *g);
        if (!g)
            return;
        g->fd = info ? info->connect_fd : -1;
        g->since = now();
        pthread_mutex_lock(&G.lock);
        g->next = G.head;
        if (G.head)
            G.head->prev = g;
        G.head = g;
        pthread_mutex_unlock(&G.lock);
        *socket_context = g;
    } else if (*socket_context) {
        tp_guard_conn *g = *socket_context;
        pthread_mutex_lock(&G.lock);
        if (g->prev)
            g->prev->next = g->next;
        else
            G.head = g->next;
        if (g->next)
            g->next->prev = g->prev;
        pthread_mutex_unlock(&G.lock);
        free(g);
        *socket_context = NULL;
    }
}

void tp_guard_log(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    msg[strcspn(msg, "\n")] = 0;
    if (strncmp(msg, "Application reported internal error", 35) == 0)
        return;
    tp_report("serve: %s", msg);
}

tp_guard_conn *tp_guard_of(struct MHD_Connection *c)
{
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return info ? info->socket_context : NULL;
}

void tp_guard_begin(tp_guard_conn *g)
{
    if (!g)
        return;
    pthread_mutex_lock(&G.lock);
    g->in_request = 1;
    g->had_request = 1;
    pthread_mutex_unlock(&G.lock);
}

int tp_guard_late(const tp_guard_conn *g)
{
    if (!g)
        return 0;
    pthread_mutex_lock(&G.lock);
    int late = now() - g->since > G.timeout;
    pthread_mutex_unlock(&G.lock);
    return late;
}

void tp_guard_end(tp_guard_conn *g)
{
    if (!g)
        return;
    pthread_mutex_lock(&G.lock);
    g->in_request = 0;
    g->since = now();
    pthread_mutex_unlock(&G.lock);
}

void tp_guard_refuse(tp_guard_conn *g, const char *response, size_t len)
{
    if (!g || g->fd < 0)
        return;
    /* a few hundred bytes: the socket's buffer takes them at once */
    while (len > 0) {
        ssize_t k = send(g->fd, response, len, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (k <= 0)
            break;
        response += k;
        len -= (size_t)k;
    }
    shutdown(g->fd, SHUT_WR);
    int fd = fcntl(g->fd, F_DUPFD_CLOEXEC, 0);
    if (fd < 0)
        return;
    pthread_mutex_lock(&G.lock);
    if (G.nlingering < LINGER_MAX) {
        G.lingering[G.nlingering++] = (linger){fd, now() + LINGER, 0};
        fd = -1;
    }
    pthread_mutex_unlock(&G.lock);
    if (fd >= 0)
        close(fd);
}

/* Reads and drops what refused clients still send; closes each at its end
 * of stream, after LINGER seconds or LINGER_BYTES. */
static void drop_lingering(int all)
{
    double t = now();
    pthread_mutex_lock(&G.lock);
    for (int i = 0; i < G.nlingering;) {
        linger *l = &G.lingering[i];
        char buf[16384];
        ssize_t k = 1;
        while (l->dropped < LINGER_BYTES && (k = recv(l->fd, buf, sizeof buf, MSG_DONTWAIT)) > 0)
            l->dropped += k;
        int done = all || k == 0 || (k < 0 && errno != EAGAIN && errno != EINTR) ||
                   l->dropped >= LINGER_BYTES || t >= l->until;
        if (done) {
            close(l->fd);
            *l = G.lingering[--G.nlingering];
        } else {
            i++;
        }
    }
    pthread_mutex_unlock(&G.lock);
}

int tp_guard_reap(void)
{
    drop_lingering(0);
    int n = 0;
    double t = now();
    pthread_mutex_lock(&G.lock);
    for (tp_guard_conn *g = G.head; g; g = g->next)
        if (!g->cut && !g->in_request && t - g->since > G.timeout && g->fd >= 0) {
            /* its headers are not in after the timeout, or it is idle: the
             * server thread sees the end of the stream and closes it */
            shutdown(g->fd, SHUT_RDWR);
            g->cut = 1;
            n++;
        }
    pthread_mutex_unlock(&G.lock);
    return n;
}

int tp_guard_stopping(void)
{
    return __atomic_load_n(&G.stopping, __ATOMIC_ACQUIRE);
}

/* Requests in flight: headers in and not answered, bytes of a request
 * waiting to be read (a busy machine may not have read them yet), or a
 * connection opened just now whose request may be on its way. */
static int in_flight(void)
{
    int n = 0;
    double t = now();
    pthread_mutex_lock(&G.lock);
    for (tp_guard_conn *g = G.head; g; g = g->next) {
        int waiting = 0;
        if (g->fd >= 0 && ioctl(g->fd, FIONREAD, &waiting) != 0)
            waiting = 0;
        if (!g->cut && (g->in_request || waiting > 0 || (!g->had_request && t - g->since < FRESH)))
            n++;
    }
    pthread_mutex_unlock(&G.lock);
    return n;
}

int tp_guard_drain(struct MHD_Daemon *d, double grace)
{
    __atomic_store_n(&G.stopping, 1, __ATOMIC_RELEASE);
    MHD_socket lfd = MHD_quiesce_daemon(d);
    if (lfd != MHD_INVALID_SOCKET) {
        /* connections the kernel accepted but the server had not taken yet:
         * their requests were sent, so they are answered too */
        fcntl(lfd, F_SETFL, fcntl(lfd, F_GETFL) | O_NONBLOCK);
        for (;;) {
            struct sockaddr_storage sa;
            socklen_t len = sizeof sa;
            int fd = accept4(lfd, (struct sockaddr *)&sa, &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
            if (fd < 0) {
                if (errno == EINTR || errno == ECONNABORTED)
                    continue;
                break;
            }
            if (MHD_add_connection(d, fd, (struct sockaddr *)&sa, len) != MHD_YES)
                close(fd);
        }
        close(lfd);
    }
    double end = now() + grace;
    int left;
    while ((left = in_flight()) > 0 && now() < end) {
        struct timespec ts = {0, 20 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    drop_lingering(1);
    return left;
}
