package io.genfleet.standalone;

import com.sun.net.httpserver.HttpServer;
import io.genfleet.aggregator.webhook.WebhookSignature;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A webhook receiver on 127.0.0.1 for the fleet tests: answers every POST to {@code /hook} with 204 and keeps what
 * arrived (the raw body, as a receiver must verify it, and the signature header).
 */
final class WebhookReceiver implements AutoCloseable {

    /** One POST as it arrived. */
    record Delivery(String signature, byte[] body) {
    }

    private final HttpServer server;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    static WebhookReceiver start() throws IOException {
        WebhookReceiver receiver = new WebhookReceiver(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
        receiver.server.createContext("/hook", exchange -> {
            receiver.deliveries.add(new Delivery(exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER),
                    exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.server.start();
        return receiver;
    }

    /** The URL to name in a storyboard's {@code notify.url} (plain http on loopback: allow both in the fleet). */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
