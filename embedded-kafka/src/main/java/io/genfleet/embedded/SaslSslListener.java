package io.genfleet.embedded;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A client listener that asks for SASL_SSL: TLS with the broker's key store, then SCRAM-SHA-512 with one user.
 * The user is written into the metadata log when the storage is formatted, so it exists before any client
 * connects; a data directory formatted earlier keeps the user it was formatted with.
 *
 * @param keyStore         PKCS12 key store holding the broker's key and certificate (SAN {@code IP:127.0.0.1},
 *                         clients verify the host name)
 * @param keyStorePassword its password (also the key's)
 * @param username         the SCRAM user clients log in as
 * @param password         its password; no {@code ]} or {@code ,} (the storage tool's syntax)
 */
public record SaslSslListener(Path keyStore, String keyStorePassword, String username, String password) {

    public static final String MECHANISM = "SCRAM-SHA-512";

    public SaslSslListener {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(keyStorePassword, "keyStorePassword");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if ((username + password).matches(".*[\\],=\\[].*")) {
            throw new IllegalArgumentException("SCRAM user name and password may not contain [ ] , or =");
        }
    }

    /** The {@code --add-scram} argument of Kafka's storage tool. */
    String scramCredential() {
        return MECHANISM + "=[name=" + username + ",password=" + password + "]";
    }
}
