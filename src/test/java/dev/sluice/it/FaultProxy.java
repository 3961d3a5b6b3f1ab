package dev.sluice.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay between Sluice and its MySQL that can turn half-open: while cut, every byte in
 * either direction vanishes and no socket closes, as when a peer's host dies or a firewall drops
 * a flow without a reset. When the path heals, the stale connections are reset (what the peer's
 * kernel answers to the first packet of a connection it does not know) and new ones pass again.
 * It can also move to another server, as an address does in a failover.
 */
final class FaultProxy implements AutoCloseable {

    private volatile int targetPort;
    private final ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;
    private volatile boolean closed;

    FaultProxy(int targetPort) {
        this.targetPort = targetPort;
        try {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen for the proxy: " + e.getMessage(), e);
        }
        Thread acceptor = new Thread(this::accept, "fault-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** From now on nothing crosses, and nothing closes. */
    void cut() {
        cut = true;
    }

    /** The path heals: connections opened before are reset, new ones pass. */
    void heal() {
        Set<Socket> stale = Set.copyOf(open);
        cut = false;
        stale.forEach(socket -> {
            open.remove(socket);
            reset(socket);
        });
    }

    /** From now on new connections go to another port, as a virtual IP moved; open ones are reset. */
    void moveTo(int port) {
        targetPort = port;
        heal();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                try {
                    server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5_000);
                } catch (IOException refused) {
                    reset(client); // the server is down: refuse as it would
                    continue;
                }
                open.add(client);
                open.add(server);
                relay(client, server, "fault-proxy-up");
                relay(server, client, "fault-proxy-down");
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("fault proxy: " + e.getMessage());
                }
            }
        }
    }

    private void relay(Socket from, Socket to, String name) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (!cut) {
                        out.write(buffer, 0, read);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // one side closed or was reset: close the other
            } finally {
                if (!cut) {
                    forget(from);
                    forget(to);
                }
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void forget(Socket socket) {
        open.remove(socket);
        close(socket);
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            // closed already
        }
        close(socket);
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closed already
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            // closed already
        }
        open.forEach(FaultProxy::close);
    }
}
