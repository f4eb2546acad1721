package io.face3d.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "fit", mixinStandardHelpOptions = true, description = "Fit the morphable model to given 2D landmarks (schema L), schema R. (not available yet)")
final class FitCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw NotAvailableYet.of("fit", 5);
    }
}
