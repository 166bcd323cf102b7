package io.genfleet.standalone.cli;

import io.genfleet.standalone.fleet.DataDirectoryInUseException;
import java.io.PrintWriter;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns what a command throws into one line on stderr ({@code genfleet <command>: <what went wrong>}) and an
 * {@link ExitCode}. The stack trace is for developers: shown only with {@code GENFLEET_DEBUG=1}.
 */
final class OneLineErrors implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        CliFailure failure = classify(e);
        err.println(commandLine.getCommandSpec().qualifiedName() + ": " + failure.getMessage());
        if (System.getenv("GENFLEET_DEBUG") != null) {
            e.printStackTrace(err);
        }
        err.flush();
        return failure.exitCode();
    }

    static CliFailure classify(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CliFailure failure) {
                return failure;
            }
            if (cause instanceof DataDirectoryInUseException inUse) {
                return new CliFailure(ExitCode.DATA_DIR_IN_USE, inUse.getMessage(), inUse);
            }
            if (cause instanceof AuthenticationException || cause instanceof AuthorizationException) {
                return new CliFailure(ExitCode.REFUSED, "Kafka refused the credentials: " + message(cause), cause);
            }
            if (cause instanceof InvalidReplicationFactorException) {
                return new CliFailure(ExitCode.FAILED, message(cause), cause);
            }
            if (cause instanceof TimeoutException) {
                return new CliFailure(ExitCode.UNREACHABLE, "Kafka did not answer in time: " + message(cause), cause);
            }
        }
        return new CliFailure(ExitCode.FAILED, message(e), e);
    }

    private static String message(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.strip().replaceAll("\\s+", " ");
    }
}
