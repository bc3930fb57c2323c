package io.lodestar.acs.cassandra.node;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Asks a native-transport port whether it speaks CQL: an OPTIONS request must be answered by SUPPORTED. */
final class CqlProbe {

    private static final byte PROTOCOL_V4_REQUEST = 0x04;
    private static final int PROTOCOL_V4_RESPONSE = 0x84;
    private static final byte OPCODE_OPTIONS = 0x05;
    private static final byte OPCODE_SUPPORTED = 0x06;

    private CqlProbe() {
    }

    static boolean speaksCql(InetSocketAddress address, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(address, timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            // version, flags, stream id (2 bytes), opcode, body length (4 bytes)
            out.write(new byte[] {PROTOCOL_V4_REQUEST, 0, 0, 1, OPCODE_OPTIONS, 0, 0, 0, 0});
            out.flush();
            byte[] header = new byte[9];
            new DataInputStream(socket.getInputStream()).readFully(header);
            return (header[0] & 0xFF) == PROTOCOL_V4_RESPONSE && header[4] == OPCODE_SUPPORTED;
        } catch (IOException e) {
            return false;
        }
    }

    static boolean accepts(InetSocketAddress address, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(address, timeoutMillis);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
