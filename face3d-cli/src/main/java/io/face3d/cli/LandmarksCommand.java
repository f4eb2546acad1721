package io.face3d.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "landmarks", mixinStandardHelpOptions = true, description = "Face boxes and 68 (+468) landmarks per face, schema L. (not available yet)")
final class LandmarksCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw NotAvailableYet.of("landmarks", 4);
    }
}
