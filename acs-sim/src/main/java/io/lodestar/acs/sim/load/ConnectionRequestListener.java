package io.lodestar.acs.sim.load;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * One HTTP listener on 127.0.0.1 for the connection requests of a whole load fleet, each device at
 * {@code /cr/<serial>}: a GET is answered 200 and the device's session (6 CONNECTION REQUEST) is queued once; an
 * unknown path 404. No authentication is asked (the built-in phone's connection request password is empty): the
 * storm measures the ACS's requester and sessions, not the CPE's Digest check, which {@code lodestar sim} has.
 */
final class ConnectionRequestListener implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, LoadCpe> bySerial;
    private volatile Consumer<LoadCpe> sink;

    private ConnectionRequestListener(HttpServer server, ExecutorService executor, Map<String, LoadCpe> bySerial) {
        this.server = server;
        this.executor = executor;
        this.bySerial = bySerial;
    }

    static ConnectionRequestListener start(List<LoadCpe> fleet) throws IOException {
        Map<String, LoadCpe> bySerial = new HashMap<>(fleet.size() * 2);
        for (LoadCpe cpe : fleet) {
            bySerial.put(cpe.tree().serial(), cpe);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "load-connection-requests");
            t.setDaemon(true);
            return t;
        });
        ConnectionRequestListener listener = new ConnectionRequestListener(server, executor, bySerial);
        server.createContext("/cr/", listener::handle);
        server.setExecutor(executor);
        server.start();
        return listener;
    }

    String urlOf(LoadCpe cpe) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/cr/" + cpe.tree().serial();
    }

    /** Where requested devices go (null: answered 503, no phase is running). */
    void deliverTo(Consumer<LoadCpe> sink) {
        this.sink = sink;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            ex.getRequestBody().readAllBytes();
            String path = ex.getRequestURI().getPath();
            LoadCpe cpe = bySerial.get(path.substring("/cr/".length()));
            Consumer<LoadCpe> to = sink;
            int status;
            if (!ex.getRequestMethod().equals("GET")) {
                status = 405;
            } else if (cpe == null) {
                status = 404;
            } else if (to == null) {
                status = 503;
            } else {
                status = 200;
                boolean first;
                synchronized (cpe) {
                    first = !cpe.connectionRequested;
                    cpe.connectionRequested = true;
                }
                if (first) {
                    to.accept(cpe);
                }
            }
            ex.sendResponseHeaders(status, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
