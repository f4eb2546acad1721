package io.face3d.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "train", mixinStandardHelpOptions = true, description = "Train the landmark-lifting networks (DJL). (not available yet)")
final class TrainCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw NotAvailableYet.of("train", 9);
    }
}
