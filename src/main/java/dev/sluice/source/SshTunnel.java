package dev.sluice.source;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;
import com.jcraft.jsch.Session;
import dev.sluice.config.Settings.MysqlSettings;
import dev.sluice.config.Settings.SshSettings;
import org.jboss.logging.Logger;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/**
 * A local port forwarded through an SSH server to MySQL, opened on first use and again whenever
 * it has dropped, on the same local port when it can (the source pool keeps its URL). Built on
 * JSch (the maintained mwiede fork): pure Java, no native parts, a small API for exactly this.
 */
public final class SshTunnel {

    private static final Logger LOG = Logger.getLogger(SshTunnel.class);
    private static SshTunnel shared;

    private final SshSettings ssh;
    private final String targetHost;
    private final int targetPort;
    private Session session;
    private int localPort;
    private boolean fingerprintLogged;
    /** Without known_hosts: the host key of the first connection, which every later one must present. */
    private HostKey pinned;

    private SshTunnel(SshSettings ssh, String targetHost, int targetPort) {
        this.ssh = ssh;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    /** Where to connect for MySQL: the tunnel's local end, or MySQL itself without a tunnel. */
    public static InetSocketAddress endpoint(MysqlSettings mysql) {
        if (mysql.ssh() == null) {
            return InetSocketAddress.createUnresolved(mysql.host(), mysql.port());
        }
        return of(mysql).open();
    }

    private static synchronized SshTunnel of(MysqlSettings mysql) {
        if (shared == null || shared.ssh != mysql.ssh()) {
            shared = new SshTunnel(mysql.ssh(), mysql.host(), mysql.port());
        }
        return shared;
    }

    private synchronized InetSocketAddress open() {
        if (session != null && session.isConnected()) {
            return InetSocketAddress.createUnresolved("127.0.0.1", localPort);
        }
        boolean reopening = session != null;
        close();
        try {
            JSch jsch = new JSch();
            byte[] passphrase = ssh.passphrase() == null ? null
                    : ssh.passphrase().reveal().getBytes(StandardCharsets.UTF_8);
            byte[] key = ssh.privateKey().reveal().getBytes(StandardCharsets.UTF_8);
            checkPassphrase(jsch, key, passphrase);
            jsch.addIdentity("sluice", key, null, passphrase);
            if (ssh.knownHosts() != null) {
                jsch.setKnownHosts(ssh.knownHosts().toString());
            }
            Session created = jsch.getSession(ssh.user(), ssh.host(), ssh.port());
            created.setConfig("StrictHostKeyChecking", ssh.knownHosts() != null ? "yes" : "no");
            created.setConfig("PreferredAuthentications", "publickey");
            created.setServerAliveInterval(5_000);
            created.setServerAliveCountMax(3);
            created.setDaemonThread(true);
            created.connect((int) ssh.connectTimeout().toMillis());
            checkPinned(created);
            localPort = forward(created);
            session = created;
            logHostKey(created);
            LOG.infof("SSH tunnel %s 127.0.0.1:%d -> %s:%d through %s@%s", reopening ? "reopened:" : "open:",
                    localPort, targetHost, targetPort, ssh.user(), ssh.address());
            return InetSocketAddress.createUnresolved("127.0.0.1", localPort);
        } catch (JSchException e) {
            throw new SshTunnelException(explain(e), e);
        }
    }

    /** An encrypted key without its passphrase, or with a wrong one, is named as such (not as an auth failure). */
    private static void checkPassphrase(JSch jsch, byte[] key, byte[] passphrase) throws JSchException {
        KeyPair pair = KeyPair.load(jsch, key, null);
        try {
            if (pair.isEncrypted() && passphrase == null) {
                throw new SshTunnelException("the SSH private key is encrypted; set SLUICE_SSH_PASSPHRASE or"
                        + " SLUICE_SSH_PASSPHRASE_FILE", null);
            }
            if (pair.isEncrypted() && !pair.decrypt(passphrase)) {
                throw new SshTunnelException("the passphrase in SLUICE_SSH_PASSPHRASE(_FILE) does not decrypt the SSH"
                        + " private key", null);
            }
        } finally {
            pair.dispose();
        }
    }

    /** Forwards a local port, the previous one again when there was one. */
    private int forward(Session created) throws JSchException {
        if (localPort > 0) {
            try {
                return created.setPortForwardingL("127.0.0.1", localPort, targetHost, targetPort);
            } catch (JSchException portTaken) {
                LOG.warnf("SSH tunnel: local port %d is taken; forwarding another", localPort);
            }
        }
        return created.setPortForwardingL("127.0.0.1", 0, targetHost, targetPort);
    }

    /**
     * Nothing has gone through the session yet: a key other than the pinned one ends it before
     * any MySQL byte (or password) could.
     */
    private void checkPinned(Session created) {
        if (ssh.knownHosts() != null) {
            return;
        }
        HostKey presented = created.getHostKey();
        if (pinned == null) {
            pinned = presented;
        } else if (!pinned.getType().equals(presented.getType()) || !pinned.getKey().equals(presented.getKey())) {
            created.disconnect();
            throw new IllegalStateException("SSH server " + ssh.address() + " now presents the host key "
                    + fingerprint(presented) + ", but this process pinned " + fingerprint(pinned) + " at its first"
                    + " connection: the tunnel may be intercepted, so Sluice stops. If the server's key changed"
                    + " legitimately, put it in SLUICE_SSH_KNOWN_HOSTS_FILE (ssh-keyscan) and restart");
        }
    }

    private static String fingerprint(HostKey key) {
        return key.getType() + " " + key.getFingerPrint(new JSch());
    }

    private void logHostKey(Session created) {
        if (fingerprintLogged) {
            return;
        }
        fingerprintLogged = true;
        String fingerprint = fingerprint(created.getHostKey());
        if (ssh.knownHosts() == null) {
            LOG.warnf("SSH host key of %s is %s, accepted without verification and pinned for the life of this"
                    + " process (set SLUICE_SSH_KNOWN_HOSTS_FILE to verify it)", ssh.address(), fingerprint);
        } else {
            LOG.infof("SSH host key of %s verified: %s", ssh.address(), fingerprint);
        }
    }

    private String explain(JSchException e) {
        String where = "SSH server " + ssh.address();
        String message = String.valueOf(e.getMessage());
        Throwable cause = e.getCause();
        if (message.startsWith("Auth fail") || message.startsWith("Auth cancel")
                || message.contains("USERAUTH fail")) {
            return where + " refused the key of user '" + ssh.user() + "'; check SLUICE_SSH_USER and"
                    + " SLUICE_SSH_PRIVATE_KEY_FILE (and its passphrase)";
        }
        if (message.contains("HostKey") || message.contains("host key")) {
            return where + " presented a host key that SLUICE_SSH_KNOWN_HOSTS_FILE does not hold (" + message
                    + "); add its key to the file (ssh-keyscan) if the server is the right one";
        }
        if (message.contains("invalid privatekey") || message.contains("invalid private key")
                || message.contains("passphrase")) {
            return "the SSH private key cannot be used (" + message + "); check SLUICE_SSH_PRIVATE_KEY_FILE and"
                    + " SLUICE_SSH_PASSPHRASE";
        }
        if (cause instanceof ConnectException || cause instanceof UnknownHostException
                || message.contains("timeout") || message.contains("Connection refused")) {
            return "cannot reach " + where + " (" + message + "); check SLUICE_SSH_HOST, SLUICE_SSH_PORT and the network";
        }
        if (message.contains("PortForwarding")) {
            return "the SSH tunnel through " + ssh.address() + " cannot forward a local port (" + message + ")";
        }
        return where + ": " + message;
    }

    private void close() {
        if (session != null) {
            session.disconnect();
            session = null;
        }
    }
}
