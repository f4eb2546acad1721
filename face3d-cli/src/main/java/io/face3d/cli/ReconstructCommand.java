package io.face3d.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "reconstruct", mixinStandardHelpOptions = true, description = "The main job: detect, landmark, fit; schema R JSON, meshes and an overlay per face. (not available yet)")
final class ReconstructCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw NotAvailableYet.of("reconstruct", 5);
    }
}
