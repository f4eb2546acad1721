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
     * Runs {@code task} for 0..n-1 on up to {@code threads} threads (work over the results of a batch, e.g. one per
     * person); the first failure, in index order, is thrown as it was once all have ended.
     */
    static void forEach(int n, int threads, java.util.function.IntConsumer task) {
        Throwable[] first = new Throwable[1];
        execute(n, threads, i -> {
            task.accept(i);
            return null;
        }, (i, result, failure) -> {
            if (failure != null && first[0] == null) {
                first[0] = failure;
            }
        });
        if (first[0] instanceof RuntimeException e) {
            throw e;
        }
        if (first[0] instanceof Error e) {
            throw e;
        }
        if (first[0] != null) {
            throw new IllegalStateException(first[0]);
        }
    }

    /**
     * What became of each input: its failure line (without "error: "), or null when it succeeded; and the exit
     * status of the whole batch.
     */
    record Result(List<String> failures, int bad, int internal) {
        int status() {
            return internal > 0 ? ExitCodes.INTERNAL : bad > 0 ? ExitCodes.BAD_INPUT : ExitCodes.OK;
        }

        int failed() {
            return bad + internal;
        }
    }

    /**
     * Runs {@code job} over the inputs on up to {@code threads} threads, reporting each on stderr, and returns the
     * exit status. {@code command} and {@code written} only shape the summary line.
     */
    static int run(PrintWriter err, String command, List<Path> inputs, int threads, Job job, String written) {
        Result r = runEach(err, inputs, threads, job);
        summary(err, command, r, written);
        return r.status();
    }

    /** As {@link #run}, without the summary line (for commands that go on after the batch and sum up at the end). */
    static Result runEach(PrintWriter err, List<Path> inputs, int threads, Job job) {
        Progress progress = new Progress(err, inputs.size());
        String[] failures = new String[inputs.size()];
        int[] bad = new int[2];
        try {
            execute(inputs.size(), threads, i -> job.process(i, inputs.get(i)), (i, what, failure) -> {
                if (failure == null) {
                    progress.done(i, inputs.get(i), what);
                    return;
                }
                Failures.Line line = Failures.of(failure);
                bad[line.status() == ExitCodes.BAD_INPUT ? 0 : 1]++;
                failures[i] = line.text().replaceFirst("^error: ", "");
                progress.failed(i, inputs.get(i), failures[i]);
                if (Failures.debug) {
                    failure.printStackTrace(err);
                }
            });
        } finally {
            progress.finish();
        }
        return new Result(java.util.Arrays.asList(failures), bad[0], bad[1]);
    }

    /** What a task of {@link #execute} became: its result, or the failure it ended with. */
    private interface Outcome {
        void of(int index, String result, Throwable failure);
    }

    /** A task of {@link #execute}. */
    private interface Task {
        String run(int index) throws Exception;
    }

    /** Runs the tasks on a pool, telling each outcome in index order on the calling thread. */
    private static void execute(int n, int threads, Task task, Outcome outcome) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, n)));
        try {
            List<Future<String>> jobs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                jobs.add(pool.submit(() -> task.run(index)));
            }
            for (int i = 0; i < n; i++) {
                try {
                    outcome.of(i, jobs.get(i).get(), null);
                } catch (ExecutionException e) {
                    outcome.of(i, null, e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The closing line of a batch with failures: how many failed and where the others went. A batch of one input
     * has said everything in its input's line (one failure, one line).
     */
    static void summary(PrintWriter err, String command, Result r, String written) {
        int n = r.failures().size();
        if (r.failed() == 0 || n == 1) {
            return;
        }
        err.println("face3d " + command + ": error: " + r.failed() + " of " + n + " inputs failed (see above)"
            + (r.failed() < n && written != null ? "; the others were written to " + written : ""));
        err.flush();
    }
}
