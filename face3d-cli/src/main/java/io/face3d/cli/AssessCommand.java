package io.face3d.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "assess", mixinStandardHelpOptions = true, description = "Facial symmetry and palsy measures from photos or reconstructions. (not available yet)")
final class AssessCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw NotAvailableYet.of("assess", 8);
    }
}
