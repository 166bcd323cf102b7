package io.genfleet.standalone.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.LoggerFactory;

/**
 * Logging of the operator tools (no Spring context): warnings and errors only, on stderr, so that stdout carries
 * just the tool's own output (a table, progress lines) and can be piped. Kafka clients log their configuration
 * and every reconnect at INFO/WARN; only their errors are shown.
 */
final class CliLogging {

    private CliLogging() {
    }

    /**
     * A process that runs a server without Spring ({@code broker}): everything at INFO to the file (as Kafka's
     * own server.log), only errors to the terminal, whose lines are the command's own.
     */
    static void toFile(java.nio.file.Path logFile) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.reset();
        PatternLayoutEncoder fileEncoder = new PatternLayoutEncoder();
        fileEncoder.setContext(context);
        fileEncoder.setPattern("%d{ISO8601} %-5level [%thread] %logger{36}: %msg%n");
        fileEncoder.start();
        ch.qos.logback.core.FileAppender<ILoggingEvent> file = new ch.qos.logback.core.FileAppender<>();
        file.setContext(context);
        file.setFile(logFile.toString());
        file.setAppend(true);
        file.setEncoder(fileEncoder);
        file.start();
        ConsoleAppender<ILoggingEvent> stderr = stderr(context);
        ch.qos.logback.classic.filter.ThresholdFilter errorsOnly = new ch.qos.logback.classic.filter.ThresholdFilter();
        errorsOnly.setLevel(Level.ERROR.levelStr);
        errorsOnly.start();
        stderr.addFilter(errorsOnly);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(file);
        root.addAppender(stderr);
    }

    private static ConsoleAppender<ILoggingEvent> stderr(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%level %logger{0}: %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        return stderr;
    }

    static void operatorTool() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.reset();
        ConsoleAppender<ILoggingEvent> stderr = stderr(context);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        context.getLogger("org.apache.kafka").setLevel(Level.ERROR);
    }
}
