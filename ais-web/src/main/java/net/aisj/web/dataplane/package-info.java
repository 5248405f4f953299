/**
 * The data-plane listener: a lean HTTP/1.1 server (Netty, native epoll where available) whose event loops and
 * blocking workers run as long-lived Work on the storage adapter's WorkManager. Object GET/HEAD/PUT of the native
 * and S3 APIs are served here by the same code as the servlet path ({@link net.aisj.web.DirectCalls}); every other
 * request is handed to the servlet container's listener over loopback, unchanged. Off unless
 * {@code ais.dataplane.enabled}.
 */
package net.aisj.web.dataplane;
