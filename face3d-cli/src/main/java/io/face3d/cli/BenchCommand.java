package io.face3d.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Run benchmark suites and write a Markdown report. (not available yet)")
final class BenchCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw NotAvailableYet.of("bench", 6);
    }
}
