package io.genfleet.standalone.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar genfleet.jar <command>}: the all-in-one launcher and the operator tools. */
@Command(name = "genfleet", mixinStandardHelpOptions = true, version = "genfleet 0.1.0",
        description = "A Kafka worker fleet for batch AI image and video generation.",
        subcommands = {DemoCommand.class, ServeCommand.class, BrokerCommand.class, TopicsCommand.class,
                RetryFailedCommand.class, DltCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:failed (the operation ran and did not succeed)", "2:usage error",
                "3:the data directory is in use by another process", "4:Kafka or the HTTP API did not answer",
                "5:credentials refused"})
public final class GenfleetCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The commands that run without the fleet: their stdout is their output, logs go to stderr. */
    private static final java.util.Set<String> OPERATOR_TOOLS = java.util.Set.of("topics", "retry-failed", "dlt");

    public static void main(String[] args) {
        if (args.length > 0 && OPERATOR_TOOLS.contains(args[0])) {
            CliLogging.operatorTool();
        }
        System.exit(commandLine().execute(args));
    }

    /** The CLI with its error handling: one line and an {@link ExitCode} for every failure, no stack trace. */
    public static CommandLine commandLine() {
        return new CommandLine(new GenfleetCommand()).setExecutionExceptionHandler(new OneLineErrors());
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: demo, serve, broker, topics, retry-failed or dlt");
    }
}
