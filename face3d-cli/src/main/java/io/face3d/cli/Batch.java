package io.face3d.cli;

import io.face3d.core.Face3dException;
import io.face3d.core.io.AtomicFiles;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Batch semantics of every command that takes many inputs, written once: output names are checked before anything
 * runs (two inputs that would write the same names are a usage error), stale temporaries of a killed run in the
 * output folder are removed, each input is processed (in parallel), each bad input is reported in one line and the
 * others are written, and the status is 0 when all succeeded, 2 when an input was bad, 1 when one hit an internal
 * failure.
 */
final class Batch {
    private Batch() {
    }

    /** The work on one input; returns what to report on success (e.g. "1 face"). */
    @FunctionalInterface
    interface Job {
        String process(int index, Path input) throws Exception;
    }

    /** An input and the name its outputs carry. */
    record Named(Path input, String name) {
    }

    /**
     * The output name of every input, in input order. Inputs whose names clash (face.png and face.jpg,
     * a/x.json and b/x.json) are refused with the fix before anything runs; the same file given twice is kept once.
     */
    static List<Named> outputNames(List<Path> inputs, Function<Path, String> nameOf) {
        List<Named> out = new ArrayList<>();
        Map<Path, Boolean> seen = new HashMap<>();
        Map<String, Path> owner = new HashMap<>();
        for (Path in : inputs) {
            if (seen.put(in.toAbsolutePath().normalize(), Boolean.TRUE) != null) {
                continue;
            }
            String name = nameOf.apply(in);
            Path other = owner.putIfAbsent(name, in);
            if (other != null) {
                throw new Face3dException("inputs " + other + " and " + in + " would both write the outputs named '"
                    + name + "': rename one, or run them separately with different -o folders");
            }
            out.add(new Named(in, name));
        }
        return out;
    }

    /** The inputs of {@link #outputNames} keyed by file name without extension, duplicates dropped. */
    static List<Path> distinctStems(List<Path> inputs) {
        return outputNames(inputs, MeshOutput::stem).stream().map(Named::input).toList();
    }

    /** Refuses a run whose output for an input would replace that input (e.g. fit x.json -o the folder of x.json). */
    static void requireNotInput(List<Path> inputs, Function<Path, Path> outputOf) {
        for (Path in : inputs) {
            Path out = outputOf.apply(in);
            if (in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
                throw new Face3dException("the output " + out + " would replace its input: give another -o folder");
            }
        }
    }

    /** Removes what killed runs left in the output folder (hidden {@code .face3d-p<pid>-*} of dead processes). */
    static void cleanStale(Path outDir) {
        AtomicFiles.removeStale(outDir == null ? Path.of(".") : outDir);
    }

    /**
     * Runs {@code job} over the inputs on up to {@code threads} threads, reporting each on stderr, and returns the
     * exit status. {@code command} and {@code written} only shape the summary line.
     */
    static int run(PrintWriter err, String command, List<Path> inputs, int threads, Job job, String written) {
        Progress progress = new Progress(err, inputs.size());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, inputs.size())));
        int bad = 0, internal = 0;
        try {
            List<Future<String>> jobs = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                int index = i;
                Path in = inputs.get(i);
                jobs.add(pool.submit(() -> job.process(index, in)));
            }
            for (int i = 0; i < jobs.size(); i++) {
                try {
                    String what = jobs.get(i).get();
                    synchronized (progress) {
                        progress.done(i, inputs.get(i), what);
                    }
                } catch (ExecutionException e) {
                    Failures.Line line = Failures.of(e.getCause());
                    if (line.status() == ExitCodes.BAD_INPUT) {
                        bad++;
                    } else {
                        internal++;
                    }
                    synchronized (progress) {
                        progress.failed(i, inputs.get(i), line.text().replaceFirst("^error: ", ""));
                        if (Failures.debug) {
                            e.getCause().printStackTrace(err);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        } finally {
            pool.shutdownNow();
            progress.finish();
        }
        int failed = bad + internal;
        if (failed == 0) {
            return ExitCodes.OK;
        }
        err.println("face3d " + command + ": error: " + failed + " of " + inputs.size() + " inputs failed (see above)"
            + (failed < inputs.size() && written != null ? "; the others were written to " + written : ""));
        err.flush();
        return internal > 0 ? ExitCodes.INTERNAL : ExitCodes.BAD_INPUT;
    }
}
