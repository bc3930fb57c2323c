package io.lodestar.acs.server;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The file server of the transfer tests: serves the files put in it under {@code /files/}, takes uploads there with
 * PUT, and asks for Basic credentials (user {@code cpe}); every request it let through is recorded.
 */
final class TestFileServer implements AutoCloseable {

    static final String USER = "cpe";
    static final String PASSWORD = "fetch-me";

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, byte[]> uploads = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    TestFileServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        HttpContext context = server.createContext("/files/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.add(exchange.getRequestMethod() + " " + path + " as " + exchange.getPrincipal().getUsername());
            if (exchange.getRequestMethod().equals("PUT")) {
                uploads.put(path, exchange.getRequestBody().readAllBytes());
                exchange.sendResponseHeaders(201, -1);
            } else if (files.containsKey(path)) {
                byte[] body = files.get(path);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
            exchange.close();
        });
        context.setAuthenticator(new BasicAuthenticator("files") {
            @Override
            public boolean checkCredentials(String user, String password) {
                return USER.equals(user) && PASSWORD.equals(password);
            }
        });
        server.start();
    }

    /** Serves {@code body} at {@code /files/<name>} and returns its URL. */
    String serve(String name, byte[] body) {
        files.put("/files/" + name, body);
        return url(name);
    }

    String url(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/files/" + name;
    }

    byte[] uploaded(String name) {
        return uploads.get("/files/" + name);
    }

    List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
