package dev.lifeline.cli;

import picocli.CommandLine.Command;

@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Site configuration tools: check a file; apply, confirm, list, diff and roll back the running gateway's versions.",
        subcommands = {ConfigCheckCommand.class, ConfigApplyCommand.class, ConfigConfirmCommand.class,
                ConfigHistoryCommand.class, ConfigDiffCommand.class, ConfigRollbackCommand.class})
final class ConfigCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
