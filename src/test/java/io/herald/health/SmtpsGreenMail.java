package io.herald.health;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * GreenMail's SMTP server with implicit TLS (SMTPS) on a free port, presenting the test's own certificate.
 * GreenMail's SMTPS reads one key store per JVM (greenmail.tls.keystore.file, read once); overriding how the
 * server socket is opened lets each test present a certificate of its own.
 */
final class SmtpsGreenMail extends GreenMail {

    private SSLContext tls;

    private SmtpsGreenMail() {
        super(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));
    }

    /** Starts SMTPS on 127.0.0.1 and an ephemeral port (getSmtps().getPort()). */
    static SmtpsGreenMail start(SSLContext tls) {
        SmtpsGreenMail greenMail = new SmtpsGreenMail();
        greenMail.tls = tls;
        greenMail.start();
        return greenMail;
    }

    int port() {
        return getSmtps().getPort();
    }

    @Override
    protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
        return Map.of(ServerSetup.PROTOCOL_SMTPS, new SmtpServer(config[0], managers) {
            @Override
            protected ServerSocket openServerSocket() throws IOException {
                ServerSocket socket = tls.getServerSocketFactory().createServerSocket();
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(bindTo, 0));
                return socket;
            }
        });
    }
}
