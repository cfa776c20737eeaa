package org.smsswitch.carrier.smpp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.ServerSocketConnection;

/**
 * Listens on loopback only and keeps the socket, so {@link SmppSimulator#port()} can report a port
 * picked by the OS.
 */
final class LoopbackServerConnectionFactory implements ServerConnectionFactory {
    private ServerSocket serverSocket;

    /** The socket of the last {@code listen}; null before. */
    ServerSocket serverSocket() {
        return serverSocket;
    }

    @Override
    public ServerConnection listen(int port) throws IOException {
        return listen(port, 0);
    }

    @Override
    public ServerConnection listen(int port, int timeout) throws IOException {
        return listen(port, timeout, 50);
    }

    @Override
    public ServerConnection listen(int port, int timeout, int backlog) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            // A restart on the same port must not wait for the old connections' TIME_WAIT.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), backlog);
            socket.setSoTimeout(timeout);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        serverSocket = socket;
        return new ServerSocketConnection(socket);
    }
}
