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
        + "visit, the 3D difference of each posture between the first and the last visit drawn on the face. Writes "
        + "REPORT/progress.html and REPORT/progress.csv. A research tool, not a medical device."})
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
        // The 3D differences need the model's triangles; without the model the report leaves them out.
        int[] triangles = null;
        try {
            triangles = io.face3d.core.model.MorphableModel.load(io.face3d.core.assets.ModelAssets.defaults().locateIct())
                .triangles(io.face3d.core.model.Region.FACE);
        } catch (io.face3d.core.Face3dException e) {
            spec.commandLine().getErr().println("face3d progress: no 3D differences (" + e.getMessage() + ")");
        }
        ProgressReport.write(visits, dir, triangles);
        spec.commandLine().getErr().println("face3d progress: " + visits.size() + " visits; wrote "
            + dir.resolve("progress.html") + " and " + dir.resolve("progress.csv"));
        return ExitCodes.OK;
    }
}
