package io.face3d.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "evaluate", mixinStandardHelpOptions = true, description = "Surface error between two meshes, schema E. (not available yet)")
final class EvaluateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw NotAvailableYet.of("evaluate", 6);
    }
}
