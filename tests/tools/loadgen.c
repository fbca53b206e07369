/* loadgen.c: hostile clients for the serve tests and bench (127.0.0.x only).
 *
 *   loadgen PORT SECONDS slow|idle COUNT SRC [SPREAD]
 *
 * Keeps COUNT connections open to 127.0.0.1:PORT for SECONDS seconds, each
 * from source address SRC (127.x.y.z), or, with SPREAD N, from N addresses
 * counting up from SRC. "slow" connections send a request's headers one
 * byte a second and never finish them; "idle" ones send nothing. A
 * connection the server closes is opened again (at most COUNT a second),
 * as an attacker would. At the end it prints one line:
 *   opened N closed-by-server M longest-life S
 * (S: the longest time, in seconds, the server let one connection live). */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

typedef struct {
    int fd;       /* -1: to open */
    double since; /* when it was opened */
    int sent;     /* bytes of the head sent */
} client;

static const char head[] = "POST /v1/judge HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                           "application/json\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                           "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int open_one(int port, struct in_addr src)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    struct sockaddr_in a = {0};
    a.sin_family = AF_INET;
    a.sin_addr = src;
    if (bind(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        close(fd);
        return -1;
    }
    a.sin_port = htons((uint16_t)port);
    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0 && errno != EINPROGRESS) {
        close(fd);
        return -1;
    }
    return fd;
}

int main(int argc, char **argv)
{
    if (argc < 6) {
        fprintf(stderr, "usage: loadgen PORT SECONDS slow|idle COUNT SRC [SPREAD]\n");
        return 64;
    }
    int port = atoi(argv[1]);
    double secs = atof(argv[2]);
    int slow = strcmp(argv[3], "slow") == 0;
    int n = atoi(argv[4]);
    struct in_addr src;
    if (inet_pton(AF_INET, argv[5], &src) != 1 || (ntohl(src.s_addr) >> 24) != 127 || n < 1 ||
        n > 20000 || secs <= 0 || secs > 600) {
        fprintf(stderr, "loadgen: bad arguments (SRC must be 127.x.y.z; COUNT 1..20000)\n");
        return 64;
    }
    int spread = argc > 6 ? atoi(argv[6]) : 1;
    if (spread < 1)
        spread = 1;
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    client *c = calloc((size_t)n, sizeof *c);
    struct pollfd *p = calloc((size_t)n, sizeof *p);
    for (int i = 0; i < n; i++)
        c[i].fd = -1;
    long opened = 0, closed = 0;
    double longest = 0, start = now(), end = start + secs, last_tick = 0;
    while (now() < end) {
        double t = now();
        int budget = n; /* reopened at most COUNT a second */
        int tick = t - last_tick >= 1.0;
        if (tick)
            last_tick = t;
        for (int i = 0; i < n; i++) {
            if (c[i].fd < 0 && tick && budget-- > 0) {
                struct in_addr a = {htonl(ntohl(src.s_addr) + (uint32_t)(i % spread))};
                c[i].fd = open_one(port, a);
                c[i].since = t;
                c[i].sent = 0;
                if (c[i].fd >= 0)
                    opened++;
            } else if (c[i].fd >= 0 && slow && tick && c[i].sent < (int)sizeof head - 1) {
                if (send(c[i].fd, head + c[i].sent, 1, MSG_NOSIGNAL) == 1)
                    c[i].sent++;
            }
            p[i].fd = c[i].fd;
            p[i].events = POLLIN;
            p[i].revents = 0;
        }
        if (poll(p, (nfds_t)n, 100) <= 0)
            continue;
        for (int i = 0; i < n; i++) {
            if (c[i].fd < 0 || !(p[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            char buf[512];
            ssize_t k = recv(c[i].fd, buf, sizeof buf, MSG_DONTWAIT);
            if (k > 0)
                continue; /* an answer: read and wait for the close */
            if (k < 0 && (errno == EAGAIN || errno == EINTR))
                continue;
            double life = now() - c[i].since;
            if (life > longest)
                longest = life;
            closed++;
            close(c[i].fd);
            c[i].fd = -1;
        }
    }
    for (int i = 0; i < n; i++)
        if (c[i].fd >= 0) {
            double life = now() - c[i].since;
            if (life > longest)
                longest = life;
            close(c[i].fd);
        }
    printf("opened %ld closed-by-server %ld longest-life %.1f\n", opened, closed, longest);
    free(c);
    free(p);
    return 0;
}
