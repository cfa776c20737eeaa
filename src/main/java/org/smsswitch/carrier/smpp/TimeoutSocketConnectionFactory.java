package org.smsswitch.carrier.smpp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.jsmpp.session.connection.Connection;
import org.jsmpp.session.connection.ConnectionFactory;
import org.jsmpp.session.connection.socket.SocketConnection;

/** jSMPP's socket connection, but with a connect timeout: an unreachable SMSC must not stall a rebind. */
final class TimeoutSocketConnectionFactory implements ConnectionFactory {

    private final int connectTimeoutMillis;

    TimeoutSocketConnectionFactory(int connectTimeoutMillis) {
        this.connectTimeoutMillis = connectTimeoutMillis;
    }

    @Override
    public Connection createConnection(String host, int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            return new SocketConnection(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }
}
