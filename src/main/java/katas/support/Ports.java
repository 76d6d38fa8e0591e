package katas.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Collection;

/** Ports of the loopback interface, for the servers the project runs as local processes. */
public final class Ports {

    private Ports() {}

    /** A port nothing listens on now. */
    public static int anyFree() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Whether a server could listen on {@code port} of the loopback address now. */
    public static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // as the servers do: a closed connection's TIME_WAIT does not hold it
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException inUse) {
            return false;
        }
    }

    /** {@code preferred} when it is free and not {@code taken} already, else a free port that is not. */
    public static int preferred(int preferred, Collection<Integer> taken) throws IOException {
        if (!taken.contains(preferred) && free(preferred)) {
            return preferred;
        }
        int port = anyFree();
        while (taken.contains(port)) {
            port = anyFree();
        }
        return port;
    }
}
