package io.face3d.cli;

import io.face3d.clinic.PatientFolder;
import io.face3d.clinic.ProgressReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "progress", mixinStandardHelpOptions = true,
    description = {"Compares a patient's visits (stored by face3d assess ... --patient DIR --visit YYYY-MM-DD): every "
        + "scale score and item over time with its measurement uncertainty, the change since the first and the last "
        + "visit. Writes REPORT/progress.html and REPORT/progress.csv. A research tool, not a medical device."})
final class ProgressCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The patient folder.")
    Path patient;
    @Option(names = {"-o", "--output"}, paramLabel = "REPORT", description = "Report folder (default: DIR/progress).")
    Path out;

    @Override
    public Integer call() {
        List<PatientFolder.Visit> visits = new PatientFolder(patient).visits();
        Path dir = out != null ? out : patient.resolve("progress");
        ProgressReport.write(visits, dir);
        spec.commandLine().getErr().println("face3d progress: " + visits.size() + " visits; wrote "
            + dir.resolve("progress.html") + " and " + dir.resolve("progress.csv"));
        return ExitCodes.OK;
    }
}
