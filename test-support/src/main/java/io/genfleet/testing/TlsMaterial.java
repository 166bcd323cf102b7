package io.genfleet.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for a broker on 127.0.0.1, made by the JDK's own {@code keytool} (no extra library,
 * nothing checked in): a PKCS12 key store for the broker and a PKCS12 trust store holding only that
 * certificate, for the clients. The certificate names {@code IP:127.0.0.1}, so clients keep host name
 * verification on, as in production.
 *
 * @param keyStore           the broker's key and certificate
 * @param trustStore         the certificate alone, for clients
 * @param password           the password of both stores (and of the key)
 */
public record TlsMaterial(Path keyStore, Path trustStore, String password) {

    private static final String ALIAS = "genfleet-test-broker";

    /** Generates fresh stores in {@code dir} (valid for two days). */
    public static TlsMaterial generate(Path dir, String password) {
        Path keyStore = dir.resolve("broker.p12");
        Path certificate = dir.resolve("broker.crt");
        Path trustStore = dir.resolve("truststore.p12");
        keytool("-genkeypair", "-alias", ALIAS, "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=IP:127.0.0.1",
                "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", password, "-keypass", password);
        keytool("-exportcert", "-rfc", "-alias", ALIAS, "-file", certificate.toString(),
                "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", password);
        keytool("-importcert", "-noprompt", "-alias", ALIAS, "-file", certificate.toString(),
                "-keystore", trustStore.toString(), "-storetype", "PKCS12", "-storepass", password);
        return new TlsMaterial(keyStore, trustStore, password);
    }

    private static void keytool(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run keytool", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keytool", e);
        }
    }
}
