package io.face3d.cli;

import io.face3d.bench.BenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/**
 * The {@code face3d} command line. A thin layer over {@code io.face3d.api.Face3d}: parse options, call the API,
 * write the contract's JSON. Exit status (CONVENTIONS.md): 0 success, 2 bad input or usage, 1 internal failure.
 */
@Command(name = "face3d", mixinStandardHelpOptions = true, version = "face3d " + Main.VERSION,
    description = "3D faces from photographs: landmarks, morphable-model fit, evaluation, clinical symmetry.",
    subcommands = {
        SetupCommand.class, ModelCommand.class, LandmarksCommand.class, ReconstructCommand.class, FitCommand.class,
        ClusterCommand.class, LiftCommand.class, EvaluateCommand.class, AssessCommand.class, ProgressCommand.class,
        BenchCommand.class, TrainCommand.class, ServeCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** The software version stored with each visit and shown on reports. */
    static final String VERSION = "0.1.0";

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
        description = "Print stack traces of errors.")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        largeRendererTiles();
        System.exit(run(args));
    }

    /**
     * Java2D's Marlin renderer in tiles of 256 x 128 pixels instead of 128 x 32, unless the JVM was given other
     * sizes: the overlays' wireframes draw ~10% faster (fewer tile passes per path) with the same pixels (all 96
     * overlays of the speed batch identical; docs/decisions/speed-batch-throughput.md). Read once, when Marlin
     * first loads, so it is set before anything draws.
     */
    static void largeRendererTiles() {
        if (System.getProperty("sun.java2d.renderer.tileSize_log2") == null
            && System.getProperty("sun.java2d.renderer.tileWidth_log2") == null) {
            System.setProperty("sun.java2d.renderer.tileSize_log2", "7");
            System.setProperty("sun.java2d.renderer.tileWidth_log2", "8");
        }
    }

    /** Runs the command line and returns the exit status, without exiting (for tests and embedding). */
    public static int run(String... args) {
        CommandLine cl = commandLine();
        return cl.execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(Main::handle);
        // picocli passes an Error (out of memory, stack overflow) through; it becomes one line here too
        cl.setExecutionStrategy(parse -> {
            Failures.debug = hasDebug(parse);
            try {
                return new CommandLine.RunLast().execute(parse);
            } catch (Error e) {
                return report(e, parse.commandSpec().commandLine().getErr());
            }
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("face3d: " + ex.getMessage() + " (see: " + ex.getCommandLine().getCommandSpec().qualifiedName(" ") + " --help)");
            return ExitCodes.BAD_INPUT;
        });
        return cl;
    }

    private static int handle(Exception ex, CommandLine cl, CommandLine.ParseResult parse) {
        Failures.debug = hasDebug(parse);
        return report(ex, cl.getErr());
    }

    private static int report(Throwable t, PrintWriter err) {
        if (Failures.debug) {
            t.printStackTrace(err);
        }
        Failures.Line line = Failures.of(t);
        err.println("face3d: " + line.text());
        err.flush();
        return line.status();
    }

    private static boolean hasDebug(CommandLine.ParseResult p) {
        return p.hasMatchedOption("--debug") || (p.subcommand() != null && hasDebug(p.subcommand()));
    }
}
