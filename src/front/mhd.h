/* mhd.h: libmicrohttpd, loaded only when `tptriage serve` runs.
 *
 * Every other command starts without mapping libmicrohttpd and the TLS
 * libraries it pulls in (ten shared libraries: about a millisecond at each
 * start, docs/performance.md). serve.c includes this header after
 * <microhttpd.h>: the few functions it calls then go through pointers that
 * tp_mhd_load fills from the library's SONAME. */
#ifndef TP_MHD_H
#define TP_MHD_H

#include "util.h"

#include <microhttpd.h>

/* The library's functions serve.c calls. */
struct tp_mhd {
    __typeof__(MHD_start_daemon) *start_daemon;
    __typeof__(MHD_stop_daemon) *stop_daemon;
    __typeof__(MHD_get_daemon_info) *get_daemon_info;
    __typeof__(MHD_lookup_connection_value) *lookup_connection_value;
    __typeof__(MHD_create_response_from_buffer) *create_response_from_buffer;
    __typeof__(MHD_add_response_header) *add_response_header;
    __typeof__(MHD_queue_response) *queue_response;
    __typeof__(MHD_destroy_response) *destroy_response;
    __typeof__(MHD_get_connection_info) *get_connection_info;
    __typeof__(MHD_quiesce_daemon) *quiesce_daemon;
    __typeof__(MHD_add_connection) *add_connection;
    __typeof__(MHD_get_response_header) *get_response_header;
};
extern struct tp_mhd tp_mhd;

/* The headers every response carries (name, value), besides Content-Type
 * and X-TP-KB; tp_nsecurity_headers of them. */
extern const char *const tp_security_headers[][2];
extern const size_t tp_nsecurity_headers;

/* MHD_queue_response itself is defined in mhd.c: libmicrohttpd's own
 * responses (its error pages for a malformed request line, headers over its
 * memory limit, an HTTP version it does not speak, a bad chunk) go through
 * it too, since the library calls it through its PLT and the program
 * exports it (CMakeLists.txt). It adds the security headers to a response
 * that lacks them (and Content-Type text/html to the library's pages), then
 * queues it with the library's own. */

/* Loads libmicrohttpd; 0, or -1 with what to install in err. */
int tp_mhd_load(tp_error *err);

#ifndef TP_MHD_IMPL
#define MHD_start_daemon (*tp_mhd.start_daemon)
#define MHD_stop_daemon (*tp_mhd.stop_daemon)
#define MHD_get_daemon_info (*tp_mhd.get_daemon_info)
#define MHD_lookup_connection_value (*tp_mhd.lookup_connection_value)
#define MHD_create_response_from_buffer (*tp_mhd.create_response_from_buffer)
#define MHD_add_response_header (*tp_mhd.add_response_header)
#define MHD_queue_response (*tp_mhd.queue_response)
#define MHD_destroy_response (*tp_mhd.destroy_response)
#define MHD_get_connection_info (*tp_mhd.get_connection_info)
#define MHD_quiesce_daemon (*tp_mhd.quiesce_daemon)
#define MHD_add_connection (*tp_mhd.add_connection)
#define MHD_get_response_header (*tp_mhd.get_response_header)
#endif

#endif
