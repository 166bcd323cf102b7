package io.genfleet.standalone.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar genfleet.jar <command>}: the all-in-one launcher and the operator tools. */
@Command(name = "genfleet", mixinStandardHelpOptions = true, version = "genfleet 0.1.0",
        description = "A Kafka worker fleet for batch AI image and video generation.",
        subcommands = {DemoCommand.class, ServeCommand.class, TopicsCommand.class, RetryFailedCommand.class,
                DltCommand.class})
public final class GenfleetCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The commands that run without the fleet: their stdout is their output, logs go to stderr. */
    private static final java.util.Set<String> OPERATOR_TOOLS = java.util.Set.of("topics", "retry-failed", "dlt");

    public static void main(String[] args) {
        if (args.length > 0 && OPERATOR_TOOLS.contains(args[0])) {
            CliLogging.operatorTool();
        }
        System.exit(new CommandLine(new GenfleetCommand()).execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: demo, serve, topics, retry-failed or dlt");
    }
}
