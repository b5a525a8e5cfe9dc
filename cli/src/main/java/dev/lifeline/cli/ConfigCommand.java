package dev.lifeline.cli;

import picocli.CommandLine.Command;

@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Site configuration tools.",
        subcommands = {ConfigCheckCommand.class})
final class ConfigCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
