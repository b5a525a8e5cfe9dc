package dev.lifeline.cli;

import picocli.CommandLine.Command;

@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = "Run the survivable SIP gateway.",
        subcommands = {GatewayRunCommand.class})
final class GatewayCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
