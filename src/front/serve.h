/* serve.h: `tptriage serve`, the knowledge base behind a small stateless
 * HTTP API (JSON in, JSON out) and a web page that runs the interview
 * through it. */
#ifndef TP_SERVE_H
#define TP_SERVE_H

#include <stddef.h>

/* A file of web/, compiled in (cmake/embed.cmake writes the table). */
typedef struct {
    const char *path;          /* "/index.html" */
    const char *type;          /* its Content-Type */
    const unsigned char *data; /* its bytes */
    size_t len;                /* how many */
} tp_web_asset;

/* Every file of web/, ended by one whose path is NULL. */
extern const tp_web_asset tp_web_assets[];

/* Runs `tptriage serve ...` (argv[0] is "serve"); version is the program's,
 * for GET /v1/kb. Returns an exit code. */
int tp_serve_main(int argc, char **argv, const char *version);

#endif
