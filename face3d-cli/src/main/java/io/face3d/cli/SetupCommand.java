package io.face3d.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "setup", mixinStandardHelpOptions = true, description = "Find or fetch every model asset, verify checksums, print where each came from. (not available yet)")
final class SetupCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw NotAvailableYet.of("setup", 3);
    }
}
