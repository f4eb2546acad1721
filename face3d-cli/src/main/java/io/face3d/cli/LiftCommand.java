package io.face3d.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "lift", mixinStandardHelpOptions = true, description = "2D landmarks to 3D landmarks (schema L with points3d). (not available yet)")
final class LiftCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw NotAvailableYet.of("lift", 9);
    }
}
