package io.face3d.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "model", mixinStandardHelpOptions = true, description = "Describe the morphable model: model info [--json]. (not available yet)")
final class ModelCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw NotAvailableYet.of("model", 3);
    }
}
