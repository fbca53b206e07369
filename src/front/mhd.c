/* mhd.c: libmicrohttpd loaded by dlopen when serve starts, and the one
 * door every response goes through, the library's own included (see mhd.h). */
#define TP_MHD_IMPL
#include "mhd.h"

#include <dlfcn.h>
#include <stddef.h>

struct tp_mhd tp_mhd;

const char *const tp_security_headers[][2] = {
    {"Cache-Control", "no-store"},
    {"X-Content-Type-Options", "nosniff"},
    {"Content-Security-Policy", "default-src 'self'; img-src 'self' data:; object-src 'none'; "
                                "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"},
    {"Referrer-Policy", "no-referrer"},
    {"X-Frame-Options", "DENY"},
};
const size_t tp_nsecurity_headers = sizeof tp_security_headers / sizeof *tp_security_headers;

enum MHD_Result MHD_queue_response(struct MHD_Connection *connection, unsigned int status_code,
                                   struct MHD_Response *response)
{
    if (!tp_mhd.queue_response)
        return MHD_NO;
    if (response && !tp_mhd.get_response_header(response, "X-Content-Type-Options")) {
        /* one of the library's own pages: HTML, with no header of ours */
        if (!tp_mhd.get_response_header(response, "Content-Type"))
            tp_mhd.add_response_header(response, "Content-Type", "text/html; charset=utf-8");
        for (size_t i = 0; i < tp_nsecurity_headers; i++)
            tp_mhd.add_response_header(response, tp_security_headers[i][0],
                                       tp_security_headers[i][1]);
    }
    return tp_mhd.queue_response(connection, status_code, response);
}

/* The library's names: Debian 12's SONAME first (libmicrohttpd12), then the
 * development link. */
static const char *const sonames[] = {"libmicrohttpd.so.12", "libmicrohttpd.so"};

int tp_mhd_load(tp_error *err)
{
    if (tp_mhd.start_daemon)
        return 0;
    void *h = NULL;
    for (size_t i = 0; !h && i < sizeof sonames / sizeof *sonames; i++)
        h = dlopen(sonames[i], RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        tp_error_set(err, "serve needs libmicrohttpd (%s): install the package libmicrohttpd12",
                     dlerror());
        return -1;
    }
    struct {
        const char *name;
        void **slot;
    } fns[] = {
        {"MHD_start_daemon", (void **)&tp_mhd.start_daemon},
        {"MHD_stop_daemon", (void **)&tp_mhd.stop_daemon},
        {"MHD_get_daemon_info", (void **)&tp_mhd.get_daemon_info},
        {"MHD_lookup_connection_value", (void **)&tp_mhd.lookup_connection_value},
        {"MHD_create_response_from_buffer", (void **)&tp_mhd.create_response_from_buffer},
        {"MHD_add_response_header", (void **)&tp_mhd.add_response_header},
        {"MHD_queue_response", (void **)&tp_mhd.queue_response},
        {"MHD_destroy_response", (void **)&tp_mhd.destroy_response},
        {"MHD_get_connection_info", (void **)&tp_mhd.get_connection_info},
        {"MHD_quiesce_daemon", (void **)&tp_mhd.quiesce_daemon},
        {"MHD_add_connection", (void **)&tp_mhd.add_connection},
        {"MHD_get_response_header", (void **)&tp_mhd.get_response_header},
    };
    for (size_t i = 0; i < sizeof fns / sizeof *fns; i++)
        if (!(*fns[i].slot = dlsym(h, fns[i].name))) {
            tp_error_set(err, "serve: libmicrohttpd lacks %s: install libmicrohttpd12",
                         fns[i].name);
            tp_mhd.start_daemon = NULL;
            return -1;
        }
    return 0;
}
