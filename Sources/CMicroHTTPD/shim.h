// Small C wrappers around the libmicrohttpd calls Swift cannot make itself: the variadic ones
// (MHD_start_daemon, MHD_get_daemon_info, MHD_get_connection_info) and the header walk, whose
// iterator is easier to serve from C. Keep this file minimal; the logic lives in Swift.
#ifndef CMICROHTTPD_SHIM_H
#define CMICROHTTPD_SHIM_H

#include <microhttpd.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

/// Called once per request before its headers are parsed; the result becomes the request's
/// `con_cls` (MHD_OPTION_URI_LOG_CALLBACK).
typedef void *(*cmhd_uri_log_fn)(void *cls, const char *uri, struct MHD_Connection *connection);

/// Starts a daemon with its own polling thread and one thread per connection, listening on
/// 127.0.0.1:`port` only (`port` 0 lets the kernel choose). Returns NULL when it cannot start
/// (for example when the port is taken).
static inline struct MHD_Daemon *cmhd_start_loopback_daemon(
    uint16_t port,
    unsigned int connection_timeout_seconds,
    unsigned int connection_limit,
    MHD_AccessHandlerCallback access_handler, void *access_cls,
    MHD_RequestCompletedCallback completed, void *completed_cls,
    cmhd_uri_log_fn uri_log, void *uri_log_cls)
{
    struct sockaddr_in address;
    memset(&address, 0, sizeof(address));
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    // MHD copies the address while binding, so a stack value is fine.
    return MHD_start_daemon(
        MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_THREAD_PER_CONNECTION,
        port,
        NULL, NULL,
        access_handler, access_cls,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&address,
        MHD_OPTION_CONNECTION_TIMEOUT, connection_timeout_seconds,
        MHD_OPTION_CONNECTION_LIMIT, connection_limit,
        MHD_OPTION_NOTIFY_COMPLETED, completed, completed_cls,
        MHD_OPTION_URI_LOG_CALLBACK, uri_log, uri_log_cls,
        MHD_OPTION_END);
}

/// The port the daemon is bound to (useful after starting on port 0); 0 if unknown.
static inline uint16_t cmhd_daemon_port(struct MHD_Daemon *daemon)
{
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    return info == NULL ? 0 : info->port;
}

/// Writes the client's address as "a.b.c.d:port" (or "[v6]:port") into `buffer`.
/// Returns 1 on success, 0 when it is unknown or does not fit.
static inline int cmhd_client_address(struct MHD_Connection *connection, char *buffer, size_t size)
{
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (info == NULL || info->client_addr == NULL || size == 0) return 0;
    char host[INET6_ADDRSTRLEN];
    unsigned int port;
    if (info->client_addr->sa_family == AF_INET) {
        const struct sockaddr_in *v4 = (const struct sockaddr_in *)info->client_addr;
        if (inet_ntop(AF_INET, &v4->sin_addr, host, sizeof(host)) == NULL) return 0;
        port = ntohs(v4->sin_port);
        int n = snprintf(buffer, size, "%s:%u", host, port);
        return n > 0 && (size_t)n < size;
    }
    if (info->client_addr->sa_family == AF_INET6) {
        const struct sockaddr_in6 *v6 = (const struct sockaddr_in6 *)info->client_addr;
        if (inet_ntop(AF_INET6, &v6->sin6_addr, host, sizeof(host)) == NULL) return 0;
        port = ntohs(v6->sin6_port);
        int n = snprintf(buffer, size, "[%s]:%u", host, port);
        return n > 0 && (size_t)n < size;
    }
    return 0;
}

/// Receives one name/value pair (with lengths, so embedded NULs survive) from `cmhd_collect_values`.
typedef void (*cmhd_pair_fn)(void *context, const char *name, size_t name_size,
                             const char *value, size_t value_size);

struct cmhd_pair_sink {
    cmhd_pair_fn fn;
    void *context;
};

static inline enum MHD_Result cmhd_pair_iterator(void *cls, enum MHD_ValueKind kind,
                                          const char *key, size_t key_size,
                                          const char *value, size_t value_size)
{
    (void)kind;
    const struct cmhd_pair_sink *sink = (const struct cmhd_pair_sink *)cls;
    sink->fn(sink->context, key, key_size, value, value_size);
    return MHD_YES;
}

/// Calls `fn(context, …)` for every value of `kind` (e.g. MHD_HEADER_KIND), in arrival order.
static inline void cmhd_collect_values(struct MHD_Connection *connection, enum MHD_ValueKind kind,
                                       cmhd_pair_fn fn, void *context)
{
    struct cmhd_pair_sink sink = { fn, context };
    MHD_get_connection_values_n(connection, kind, cmhd_pair_iterator, &sink);
}

#endif
