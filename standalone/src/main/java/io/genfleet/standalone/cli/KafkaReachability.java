package io.genfleet.standalone.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * Asks the cluster who is there before a tool does its work, so that a wrong address fails within seconds with
 * one line, not after the clients' 60 s API timeout with a stack trace. First a plain TCP connect to each
 * bootstrap address (a refused connection is known at once), then the cluster's brokers over the Kafka
 * protocol (where wrong security settings and refused credentials show).
 */
final class KafkaReachability {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

    private KafkaReachability() {
    }

    /**
     * @return the brokers of the cluster
     * @throws CliFailure {@link ExitCode#UNREACHABLE} or {@link ExitCode#REFUSED}
     */
    static List<Node> brokers(Map<String, Object> clientProperties, Duration timeout) {
        String bootstrap = String.valueOf(clientProperties.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
        requireSomeAddressAccepts(bootstrap);
        Map<String, Object> properties = new HashMap<>(clientProperties);
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        properties.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "genfleet-cli-check");
        Admin admin = Admin.create(properties);
        try {
            return List.copyOf(admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthenticationException || e.getCause() instanceof AuthorizationException) {
                throw new CliFailure(ExitCode.REFUSED, "Kafka at " + bootstrap + " refused the credentials: "
                        + e.getCause().getMessage(), e.getCause());
            }
            throw unanswered(bootstrap, timeout, e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw unanswered(bootstrap, timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCode.FAILED, "interrupted while asking Kafka at " + bootstrap, e);
        } finally {
            admin.close(Duration.ZERO);
        }
    }

    private static CliFailure unanswered(String bootstrap, Duration timeout, Throwable cause) {
        return new CliFailure(ExitCode.UNREACHABLE, "Kafka at " + bootstrap + " took a connection but did not answer "
                + "within " + timeout.toSeconds() + " s (is it a Kafka listener? does it want TLS or SASL: "
                + "--command-config?)", cause);
    }

    private static void requireSomeAddressAccepts(String bootstrap) {
        String lastProblem = "no address given";
        for (String address : bootstrap.split(",")) {
            String trimmed = address.strip();
            int colon = trimmed.lastIndexOf(':');
            if (trimmed.isEmpty() || colon < 1) {
                lastProblem = "'" + trimmed + "' is not host:port";
                continue;
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(trimmed.substring(0, colon), Integer.parseInt(trimmed.substring(colon + 1))),
                        (int) CONNECT_TIMEOUT.toMillis());
                return;
            } catch (IOException | IllegalArgumentException e) {
                lastProblem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
        }
        throw new CliFailure(ExitCode.UNREACHABLE, "cannot reach Kafka at " + bootstrap + " (" + lastProblem
                + "); start one with 'genfleet broker' or pass --bootstrap-servers / KAFKA_BOOTSTRAP_SERVERS");
    }
}
