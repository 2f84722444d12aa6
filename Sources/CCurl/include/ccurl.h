// libcurl loaded at run time (dlopen of libcurl.so.4), so building needs no libcurl headers or
// development package: the image carries only the runtime library. The few prototypes and
// constants used are declared in ccurl.c; they are part of libcurl's stable ABI (soname 4).
// Swift cannot call the variadic curl_easy_setopt, so transfers are set up through the typed
// functions below.
#ifndef TIDINGS_CCURL_H
#define TIDINGS_CCURL_H

#include <stddef.h>
#include <stdint.h>

typedef struct tc_transfer tc_transfer;
typedef struct tc_multi tc_multi;

// Loads libcurl once (thread-safe). 0 on success; otherwise a message is left in tc_load_error().
int tc_load(void);
const char *tc_load_error(void);
const char *tc_version(void);

typedef struct {
    const char *url;
    const char *user_agent;
    const char *method;          // "GET", "POST", "HEAD"
    const uint8_t *body;         // POST body (copied by libcurl), or NULL
    size_t body_length;
    long connect_timeout_ms;
    long total_timeout_ms;
    long max_body_bytes;         // decompressed body cap; the transfer fails past it
    int accept_encoding;         // ask for gzip/deflate/br and decode
    const char *ca_file;         // NULL: the system store
} tc_options;

// NULL when the handle cannot be made (the reason in tc_load_error()).
tc_transfer *tc_transfer_new(const tc_options *options, int64_t tag);
// "Name: value"; 0 on success.
int tc_transfer_add_header(tc_transfer *t, const char *line);
void tc_transfer_free(tc_transfer *t);
// Runs the transfer on the calling thread; the CURLcode.
int tc_transfer_perform(tc_transfer *t);

int64_t tc_transfer_tag(const tc_transfer *t);
long tc_transfer_status(const tc_transfer *t);
const uint8_t *tc_transfer_body(const tc_transfer *t, size_t *length);
const char *tc_transfer_headers(const tc_transfer *t, size_t *length);
// The Location resolved against the request's URL (NULL when none).
const char *tc_transfer_redirect_url(const tc_transfer *t);
const char *tc_transfer_effective_url(const tc_transfer *t);
int tc_transfer_body_exceeded(const tc_transfer *t);
// libcurl's message for the last failure (its error buffer, else curl_easy_strerror).
const char *tc_transfer_error(const tc_transfer *t, int code);

// Several transfers at once. The caller limits how many run per host; libcurl's own limits
// (total and per host connections) are set as well.
tc_multi *tc_multi_new(long max_total_connections, long max_host_connections);
void tc_multi_free(tc_multi *m);
int tc_multi_add(tc_multi *m, tc_transfer *t);
// Drives transfers for up to timeout_ms; returns the number still running, or -1 on error.
int tc_multi_run(tc_multi *m, int timeout_ms);
// A finished transfer (removed from the multi handle) with its CURLcode in *code, or NULL.
tc_transfer *tc_multi_next_done(tc_multi *m, int *code);

// CURLcode values the Swift side names.
enum {
    TC_OK = 0,
    TC_UNSUPPORTED_PROTOCOL = 1,
    TC_URL_MALFORMAT = 3,
    TC_COULDNT_RESOLVE_PROXY = 5,
    TC_COULDNT_RESOLVE_HOST = 6,
    TC_COULDNT_CONNECT = 7,
    TC_PARTIAL_FILE = 18,
    TC_WRITE_ERROR = 23,
    TC_OPERATION_TIMEDOUT = 28,
    TC_SSL_CONNECT_ERROR = 35,
    TC_TOO_MANY_REDIRECTS = 47,
    TC_GOT_NOTHING = 52,
    TC_SEND_ERROR = 55,
    TC_RECV_ERROR = 56,
    TC_PEER_FAILED_VERIFICATION = 60,
    TC_BAD_CONTENT_ENCODING = 61,
    TC_FILESIZE_EXCEEDED = 63,
    TC_SSL_CACERT_BADFILE = 77,
};

#endif
