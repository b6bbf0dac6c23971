package io.herald.health;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Lets every TLS handshake of the probe succeed and records what the trust store thinks of the server's chain:
 * the probe inspects the certificate (an expiring or self-signed one must still be reported), it never sends mail
 * over that connection.
 */
final class InspectingTrustManager extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager trustStore;
    private X509Certificate[] chain;
    private String distrust;

    InspectingTrustManager(X509ExtendedTrustManager trustStore) {
        this.trustStore = trustStore;
    }

    /** The trust manager of a trust store, or of the JVM's default one (what Angus Mail uses) when it is null. */
    static X509ExtendedTrustManager of(KeyStore trustStore) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trustStore);
            for (TrustManager m : factory.getTrustManagers()) {
                if (m instanceof X509ExtendedTrustManager x509) {
                    return x509;
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the trust store: " + e.getMessage(), e);
        }
        throw new IllegalStateException("the JVM's TrustManagerFactory has no X.509 trust manager");
    }

    /** The certificate the server presented, with the trust store's objection; null before a handshake. */
    ServerCertificate certificate() {
        return chain == null || chain.length == 0 ? null : ServerCertificate.of(chain[0], distrust);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        this.chain = chain;
        try {
            trustStore.checkServerTrusted(chain, authType, socket);
        } catch (CertificateException e) {
            distrust = e.getMessage();
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        checkServerTrusted(chain, authType, (Socket) null);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        checkServerTrusted(chain, authType, (Socket) null);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the SMTP probe is a client only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
