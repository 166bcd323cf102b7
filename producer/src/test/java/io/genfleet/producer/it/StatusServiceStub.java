package io.genfleet.producer.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plays the status aggregator's {@code GET /api/batches/{id}} on 127.0.0.1: 200 for the ids in
 * {@link #known}, 404 for the others. The aggregator itself does not run in producer tests.
 */
public final class StatusServiceStub implements AutoCloseable {

    public final Set<String> known = ConcurrentHashMap.newKeySet();
    private final HttpServer server;

    private StatusServiceStub(HttpServer server) {
        this.server = server;
    }

    public static StatusServiceStub start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            StatusServiceStub stub = new StatusServiceStub(server);
            server.createContext("/api/batches/", exchange -> {
                String id = exchange.getRequestURI().getPath().substring("/api/batches/".length());
                boolean found = stub.known.contains(id);
                byte[] body = (found ? "{\"batchId\":\"" + id + "\"}" : "{\"status\":404}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(found ? 200 : 404, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
