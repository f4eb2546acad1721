package io.face3d.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "cluster", mixinStandardHelpOptions = true, description = "Group photos or landmark files by person. (not available yet)")
final class ClusterCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw NotAvailableYet.of("cluster", 10);
    }
}
