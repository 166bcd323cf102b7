package io.genfleet.standalone.cli;

/**
 * The CLI's exit codes, the same for every command (documented in the README's "Exit codes" table), so that a
 * script can tell a busy data directory or an unreachable broker from a failed operation.
 */
final class ExitCode {

    /** Done. */
    static final int OK = 0;
    /** The command ran and failed (e.g. the demo's batch was not done in time, the cluster refused a request). */
    static final int FAILED = 1;
    /** Bad options or arguments (picocli's own code for usage errors). */
    static final int USAGE = 2;
    /** The data directory belongs to another running serve, demo or broker. */
    static final int DATA_DIR_IN_USE = 3;
    /** Kafka or the HTTP API did not answer. */
    static final int UNREACHABLE = 4;
    /** The credentials were refused (HTTP 401/403, Kafka SASL/SSL authentication or ACLs). */
    static final int REFUSED = 5;

    private ExitCode() {
    }
}
