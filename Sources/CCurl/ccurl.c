// See include/ccurl.h for why libcurl is loaded with dlopen. Option and info numbers are those of
// curl.h (stable across soname 4); each is checked against the library in the tests' transfers.
#include "ccurl.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef void CURL;
typedef void CURLM;
struct curl_slist;
typedef struct {
    int msg;
    CURL *easy_handle;
    union { void *whatever; int result; } data;
} CURLMsg;

enum {
    OPT_WRITEDATA = 10001, OPT_URL = 10002, OPT_ERRORBUFFER = 10010, OPT_WRITEFUNCTION = 20011,
    OPT_USERAGENT = 10018, OPT_HTTPHEADER = 10023, OPT_HEADERDATA = 10029, OPT_CUSTOMREQUEST = 10036,
    OPT_NOBODY = 44, OPT_POST = 47, OPT_FOLLOWLOCATION = 52, OPT_POSTFIELDSIZE = 60,
    OPT_CAINFO = 10065, OPT_MAXREDIRS = 68, OPT_HEADERFUNCTION = 20079, OPT_HTTPGET = 80,
    OPT_NOSIGNAL = 99, OPT_ACCEPT_ENCODING = 10102, OPT_PRIVATE = 10103, OPT_TIMEOUT_MS = 155,
    OPT_CONNECTTIMEOUT_MS = 156, OPT_COPYPOSTFIELDS = 10165, OPT_PROTOCOLS_STR = 10318,
    OPT_REDIR_PROTOCOLS_STR = 10319,
};
enum {
    INFO_EFFECTIVE_URL = 0x100000 + 1, INFO_RESPONSE_CODE = 0x200000 + 2,
    INFO_PRIVATE = 0x100000 + 21, INFO_REDIRECT_URL = 0x100000 + 31,
};
enum { MOPT_MAXCONNECTS = 6, MOPT_MAX_HOST_CONNECTIONS = 7, MOPT_MAX_TOTAL_CONNECTIONS = 13 };
enum { MSG_DONE = 1, GLOBAL_ALL = 3, ERROR_SIZE = 256 };

static struct {
    int (*global_init)(long);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *);
    int (*easy_setopt)(CURL *, int, ...);
    int (*easy_getinfo)(CURL *, int, ...);
    int (*easy_perform)(CURL *);
    const char *(*easy_strerror)(int);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
    char *(*version)(void);
    CURLM *(*multi_init)(void);
    int (*multi_setopt)(CURLM *, int, ...);
    int (*multi_add_handle)(CURLM *, CURL *);
    int (*multi_remove_handle)(CURLM *, CURL *);
    int (*multi_perform)(CURLM *, int *);
    int (*multi_poll)(CURLM *, void *, unsigned int, int, int *);
    CURLMsg *(*multi_info_read)(CURLM *, int *);
    int (*multi_cleanup)(CURLM *);
} api;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static int load_status = -1;
static char load_message[512];

#define RESOLVE(field, name) \
    do { \
        *(void **)(&api.field) = dlsym(lib, name); \
        if (!api.field) { \
            snprintf(load_message, sizeof load_message, "libcurl.so.4 lacks %s (libcurl 7.85 or newer is needed)", name); \
            return; \
        } \
    } while (0)

static void load(void) {
    void *lib = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        const char *why = dlerror();
        snprintf(load_message, sizeof load_message,
                 "libcurl is not installed (%s); install the libcurl4 package to fetch feeds",
                 why ? why : "libcurl.so.4 not found");
        return;
    }
    RESOLVE(global_init, "curl_global_init");
    RESOLVE(easy_init, "curl_easy_init");
    RESOLVE(easy_cleanup, "curl_easy_cleanup");
    RESOLVE(easy_setopt, "curl_easy_setopt");
    RESOLVE(easy_getinfo, "curl_easy_getinfo");
    RESOLVE(easy_perform, "curl_easy_perform");
    RESOLVE(easy_strerror, "curl_easy_strerror");
    RESOLVE(slist_append, "curl_slist_append");
    RESOLVE(slist_free_all, "curl_slist_free_all");
    RESOLVE(version, "curl_version");
    RESOLVE(multi_init, "curl_multi_init");
    RESOLVE(multi_setopt, "curl_multi_setopt");
    RESOLVE(multi_add_handle, "curl_multi_add_handle");
    RESOLVE(multi_remove_handle, "curl_multi_remove_handle");
    RESOLVE(multi_perform, "curl_multi_perform");
    RESOLVE(multi_poll, "curl_multi_poll");
    RESOLVE(multi_info_read, "curl_multi_info_read");
    RESOLVE(multi_cleanup, "curl_multi_cleanup");
    if (api.global_init(GLOBAL_ALL) != 0) {
        snprintf(load_message, sizeof load_message, "libcurl could not be initialised");
        return;
    }
    load_status = 0;
}

int tc_load(void) {
    pthread_once(&load_once, load);
    return load_status;
}

const char *tc_load_error(void) { return load_message; }

const char *tc_version(void) { return tc_load() == 0 ? api.version() : NULL; }

struct tc_transfer {
    CURL *easy;
    struct curl_slist *headers;
    int64_t tag;
    uint8_t *body;
    size_t body_length, body_capacity;
    char *head;
    size_t head_length, head_capacity;
    size_t max_body;
    int exceeded;
    int out_of_memory;
    char error[ERROR_SIZE];
};

static int append(uint8_t **buffer, size_t *length, size_t *capacity, const char *bytes, size_t count) {
    if (*length + count + 1 > *capacity) {
        size_t next = *capacity ? *capacity : 16384;
        while (next < *length + count + 1) next *= 2;
        uint8_t *grown = realloc(*buffer, next);
        if (!grown) return -1;
        *buffer = grown;
        *capacity = next;
    }
    memcpy(*buffer + *length, bytes, count);
    *length += count;
    (*buffer)[*length] = 0;
    return 0;
}

// The body arrives decoded (gzip, deflate, br), so the cap counts what a bomb expands to.
static size_t on_body(char *ptr, size_t size, size_t count, void *data) {
    tc_transfer *t = data;
    size_t bytes = size * count;
    if (t->body_length + bytes > t->max_body) {
        t->exceeded = 1;
        return 0;
    }
    if (append(&t->body, &t->body_length, &t->body_capacity, ptr, bytes) != 0) {
        t->out_of_memory = 1;
        return 0;
    }
    return bytes;
}

// Keeps only the last response's header block (a 100 Continue or proxy answer comes first).
static size_t on_header(char *ptr, size_t size, size_t count, void *data) {
    tc_transfer *t = data;
    size_t bytes = size * count;
    if (bytes >= 5 && memcmp(ptr, "HTTP/", 5) == 0) t->head_length = 0;
    if (t->head_length + bytes > 256 * 1024) return 0;   // a header flood
    if (append((uint8_t **)&t->head, &t->head_length, &t->head_capacity, ptr, bytes) != 0) return 0;
    return bytes;
}

tc_transfer *tc_transfer_new(const tc_options *o, int64_t tag) {
    if (tc_load() != 0) return NULL;
    tc_transfer *t = calloc(1, sizeof *t);
    if (!t) return NULL;
    t->easy = api.easy_init();
    if (!t->easy) { free(t); return NULL; }
    t->tag = tag;
    t->max_body = o->max_body_bytes > 0 ? (size_t)o->max_body_bytes : (size_t)16 << 20;
    CURL *e = t->easy;
    int failed = 0;
    failed |= api.easy_setopt(e, OPT_URL, o->url);
    failed |= api.easy_setopt(e, OPT_PROTOCOLS_STR, "http,https");
    failed |= api.easy_setopt(e, OPT_REDIR_PROTOCOLS_STR, "http,https");
    failed |= api.easy_setopt(e, OPT_FOLLOWLOCATION, 0L);
    failed |= api.easy_setopt(e, OPT_NOSIGNAL, 1L);
    failed |= api.easy_setopt(e, OPT_ERRORBUFFER, t->error);
    failed |= api.easy_setopt(e, OPT_WRITEFUNCTION, on_body);
    failed |= api.easy_setopt(e, OPT_WRITEDATA, t);
    failed |= api.easy_setopt(e, OPT_HEADERFUNCTION, on_header);
    failed |= api.easy_setopt(e, OPT_HEADERDATA, t);
    failed |= api.easy_setopt(e, OPT_PRIVATE, t);
    if (o->user_agent) failed |= api.easy_setopt(e, OPT_USERAGENT, o->user_agent);
    if (o->connect_timeout_ms > 0) failed |= api.easy_setopt(e, OPT_CONNECTTIMEOUT_MS, o->connect_timeout_ms);
    if (o->total_timeout_ms > 0) failed |= api.easy_setopt(e, OPT_TIMEOUT_MS, o->total_timeout_ms);
    if (o->accept_encoding) failed |= api.easy_setopt(e, OPT_ACCEPT_ENCODING, "");
    if (o->ca_file) failed |= api.easy_setopt(e, OPT_CAINFO, o->ca_file);
    const char *method = o->method ? o->method : "GET";
    if (strcmp(method, "GET") == 0) {
        failed |= api.easy_setopt(e, OPT_HTTPGET, 1L);
    } else if (strcmp(method, "HEAD") == 0) {
        failed |= api.easy_setopt(e, OPT_NOBODY, 1L);
    } else if (strcmp(method, "POST") == 0) {
        failed |= api.easy_setopt(e, OPT_POST, 1L);
        failed |= api.easy_setopt(e, OPT_POSTFIELDSIZE, (long)o->body_length);
        failed |= api.easy_setopt(e, OPT_COPYPOSTFIELDS, o->body ? (const char *)o->body : "");
    } else {
        failed |= api.easy_setopt(e, OPT_CUSTOMREQUEST, method);
        if (o->body) {
            failed |= api.easy_setopt(e, OPT_POSTFIELDSIZE, (long)o->body_length);
            failed |= api.easy_setopt(e, OPT_COPYPOSTFIELDS, (const char *)o->body);
        }
    }
    // A library that refuses an option (PROTOCOLS_STR needs 7.85) must not fetch without it.
    if (failed) {
        tc_transfer_free(t);
        return NULL;
    }
    return t;
}

int tc_transfer_add_header(tc_transfer *t, const char *line) {
    struct curl_slist *next = api.slist_append(t->headers, line);
    if (!next) return -1;
    t->headers = next;
    return api.easy_setopt(t->easy, OPT_HTTPHEADER, t->headers);
}

void tc_transfer_free(tc_transfer *t) {
    if (!t) return;
    api.easy_cleanup(t->easy);
    if (t->headers) api.slist_free_all(t->headers);
    free(t->body);
    free(t->head);
    free(t);
}

int tc_transfer_perform(tc_transfer *t) { return api.easy_perform(t->easy); }

int64_t tc_transfer_tag(const tc_transfer *t) { return t->tag; }

long tc_transfer_status(const tc_transfer *t) {
    long code = 0;
    api.easy_getinfo(t->easy, INFO_RESPONSE_CODE, &code);
    return code;
}

const uint8_t *tc_transfer_body(const tc_transfer *t, size_t *length) {
    *length = t->body_length;
    return t->body;
}

const char *tc_transfer_headers(const tc_transfer *t, size_t *length) {
    *length = t->head_length;
    return t->head;
}

const char *tc_transfer_redirect_url(const tc_transfer *t) {
    char *url = NULL;
    api.easy_getinfo(t->easy, INFO_REDIRECT_URL, &url);
    return url;
}

const char *tc_transfer_effective_url(const tc_transfer *t) {
    char *url = NULL;
    api.easy_getinfo(t->easy, INFO_EFFECTIVE_URL, &url);
    return url;
}

int tc_transfer_body_exceeded(const tc_transfer *t) { return t->exceeded; }

const char *tc_transfer_error(const tc_transfer *t, int code) {
    if (t && t->error[0]) return t->error;
    return tc_load() == 0 ? api.easy_strerror(code) : load_message;
}

struct tc_multi {
    CURLM *multi;
};

tc_multi *tc_multi_new(long max_total, long max_host) {
    if (tc_load() != 0) return NULL;
    tc_multi *m = calloc(1, sizeof *m);
    if (!m) return NULL;
    m->multi = api.multi_init();
    if (!m->multi) { free(m); return NULL; }
    if (max_total > 0) {
        api.multi_setopt(m->multi, MOPT_MAX_TOTAL_CONNECTIONS, max_total);
        api.multi_setopt(m->multi, MOPT_MAXCONNECTS, max_total);
    }
    if (max_host > 0) api.multi_setopt(m->multi, MOPT_MAX_HOST_CONNECTIONS, max_host);
    return m;
}

void tc_multi_free(tc_multi *m) {
    if (!m) return;
    api.multi_cleanup(m->multi);
    free(m);
}

int tc_multi_add(tc_multi *m, tc_transfer *t) { return api.multi_add_handle(m->multi, t->easy); }

int tc_multi_run(tc_multi *m, int timeout_ms) {
    int running = 0;
    if (api.multi_perform(m->multi, &running) != 0) return -1;
    if (running > 0) {
        int fds = 0;
        if (api.multi_poll(m->multi, NULL, 0, timeout_ms, &fds) != 0) return -1;
        if (api.multi_perform(m->multi, &running) != 0) return -1;
    }
    return running;
}

tc_transfer *tc_multi_next_done(tc_multi *m, int *code) {
    int left = 0;
    CURLMsg *msg;
    while ((msg = api.multi_info_read(m->multi, &left)) != NULL) {
        if (msg->msg != MSG_DONE) continue;
        CURL *easy = msg->easy_handle;
        *code = msg->data.result;
        tc_transfer *t = NULL;
        api.easy_getinfo(easy, INFO_PRIVATE, (char **)&t);
        api.multi_remove_handle(m->multi, easy);
        return t;
    }
    return NULL;
}
