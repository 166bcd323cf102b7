package io.genfleet.standalone.cli;

/** A failure the CLI reports as one line and an exit code (see {@link ExitCode}), never as a stack trace. */
final class CliFailure extends RuntimeException {

    private final int exitCode;

    CliFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    CliFailure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
