package io.face3d.cli;

import io.face3d.core.Face3dException;
import io.face3d.core.assets.ModelAssets;
import io.face3d.core.model.MorphableModel;
import io.face3d.learn.train.LiftTrainer;
import io.face3d.learn.train.TrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train the landmark-lifting networks with DJL (PyTorch CPU) on synthetic model faces. "
        + "'face3d train lift -o face3d-learn/src/main/resources/io/face3d/learn/weights' reproduces the shipped weights.")
final class TrainCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "WHAT", description = "What to train: lift.")
    String what;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the data, initial weights and batch order (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"-o", "--output"}, defaultValue = "lift-weights", description = "Folder for the weights (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--faces", description = "Synthetic training faces (default: the shipped weights' 20000).")
    Integer faces;

    @Option(names = "--distance-steps", description = "Steps of each ablation distance network (eq. 6 only), one face per step (default: the shipped weights').")
    Integer distanceSteps;

    @Option(names = "--context-steps", description = "Steps of the shipped Deep-MDS distance network, 64 faces x 36 pairs per step (default: the shipped weights').")
    Integer contextSteps;

    @Option(names = "--threads", defaultValue = "1", description = "PyTorch threads; 1 keeps runs bit-reproducible (default ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() throws Exception {
        if (!"lift".equals(what)) {
            throw new Face3dException("unknown training target '" + what + "': use 'face3d train lift'");
        }
        TrainConfig d = TrainConfig.defaults(seed);
        TrainConfig config = new TrainConfig(seed, faces == null ? d.faces() : faces, d.denseEpochs(), d.batch(),
            distanceSteps == null ? d.distanceSteps() : distanceSteps, contextSteps == null ? d.contextSteps() : contextSteps,
            d.distanceWidth(), d.learningRate(), threads);
        MorphableModel model = MorphableModel.load(ModelAssets.defaults().locateIct());
        String command = "face3d train lift --seed " + seed + (faces == null ? "" : " --faces " + faces)
            + (distanceSteps == null ? "" : " --distance-steps " + distanceSteps)
            + (contextSteps == null ? "" : " --context-steps " + contextSteps)
            + (threads == 1 ? "" : " --threads " + threads);
        new LiftTrainer(model, config, m -> spec.commandLine().getErr().println("face3d train: " + m)).train(out, command);
        return ExitCodes.OK;
    }
}
