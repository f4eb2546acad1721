package io.face3d.cli;

import io.face3d.core.Face3dException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/**
 * The {@code face3d} command line. A thin layer over {@code io.face3d.api.Face3d}: parse options, call the API,
 * write the contract's JSON. Exit status (CONVENTIONS.md): 0 success, 2 bad input or usage, 1 internal failure.
 */
@Command(name = "face3d", mixinStandardHelpOptions = true, version = "face3d 0.1.0",
    description = "3D faces from photographs: landmarks, morphable-model fit, evaluation, clinical symmetry.",
    subcommands = {
        SetupCommand.class, ModelCommand.class, LandmarksCommand.class, ReconstructCommand.class, FitCommand.class,
        ClusterCommand.class, LiftCommand.class, EvaluateCommand.class, AssessCommand.class, BenchCommand.class,
        TrainCommand.class, ServeCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
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
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit status, without exiting (for tests and embedding). */
    public static int run(String... args) {
        CommandLine cl = commandLine();
        return cl.execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(Main::handle);
        cl.setParameterExceptionHandler((ex, a) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("face3d: " + ex.getMessage() + " (see: " + ex.getCommandLine().getCommandSpec().qualifiedName(" ") + " --help)");
            return ExitCodes.BAD_INPUT;
        });
        return cl;
    }

    private static int handle(Exception ex, CommandLine cl, CommandLine.ParseResult parse) {
        boolean debug = hasDebug(parse);
        PrintWriter err = cl.getErr();
        if (debug) {
            ex.printStackTrace(err);
        }
        if (ex instanceof Face3dException) {
            err.println("face3d: error: " + ex.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        err.println("face3d: internal error: " + ex + (debug ? "" : " (run again with --debug for details)"));
        return ExitCodes.INTERNAL;
    }

    private static boolean hasDebug(CommandLine.ParseResult p) {
        return p.hasMatchedOption("--debug") || (p.subcommand() != null && hasDebug(p.subcommand()));
    }
}
