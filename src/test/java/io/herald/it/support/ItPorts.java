package io.herald.it.support;

import java.net.URI;

/**
 * Where the server under test listens: WildFly's ports shifted by it.port.offset (default 0), so two checkouts can
 * run their integration tests side by side (each with its own it.port.offset, it.smtp.port and it.imap.port).
 */
public final class ItPorts {

    /** The socket-binding offset the server was started with (-Djboss.socket.binding.port-offset). */
    public static final int OFFSET = Integer.getInteger("it.port.offset", 0);
    /** Undertow's HTTP port: the API, the console, the unsubscribe pages. */
    public static final int HTTP = 8080 + OFFSET;
    /** WildFly's management port: jboss-cli, /health, /prometheus. */
    public static final int MANAGEMENT = 9990 + OFFSET;

    private ItPorts() {
    }

    /** http://127.0.0.1:{HTTP}{path}. */
    public static URI http(String path) {
        return URI.create("http://127.0.0.1:" + HTTP + path);
    }

    /** http://127.0.0.1:{MANAGEMENT}{path}. */
    public static URI management(String path) {
        return URI.create("http://127.0.0.1:" + MANAGEMENT + path);
    }
}
