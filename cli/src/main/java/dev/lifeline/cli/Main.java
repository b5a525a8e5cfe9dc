package dev.lifeline.cli;

import picocli.CommandLine;

/** Entry point of the {@code lifeline} command. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code (0 ok, 1 a check failed, 2 usage or operational error). */
    public static int run(String... args) {
        CommandLine cl = commandLine();
        return cl.execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new LifelineCommand());
        cl.setExitCodeExceptionMapper(e -> ExitCodes.ERROR);
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("lifeline: " + ex.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, p) -> {
            // Operational failures are reported in one line; a stack trace is no help to an engineer on call.
            c.getErr().println("lifeline: " + c.getCommandSpec().qualifiedName() + " failed: " + ex.getMessage());
            return ExitCodes.ERROR;
        });
        return cl;
    }
}
