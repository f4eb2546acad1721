package io.face3d.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.face3d.core.assets.GltfValidatorAssetSource;
import io.face3d.core.assets.NpmPack;
import io.face3d.core.assets.ModelAssets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Khronos glTF validator (installed by {@code face3d setup}, run by Node.js) on a GLB file. Missing validator or
 * Node.js skips the calling test, and fails it under CI ({@link RequiredAssets}).
 */
public final class GltfValidator {
    private static final String SCRIPT = "const v = require(process.argv[1]);"
        + "v.validateBytes(new Uint8Array(require('fs').readFileSync(process.argv[2])), {writeTimestamp: false, maxIssues: 50})"
        + ".then(r => { process.stdout.write(JSON.stringify(r.issues)); })"
        + ".catch(e => { process.stderr.write(String(e)); process.exit(3); });";

    /** The validator's verdict: counts and the first messages ("CODE at POINTER: message"). */
    public record Verdict(int errors, int warnings, List<String> messages) {
    }

    private GltfValidator() {
    }

    public static Verdict validate(Path glb) throws IOException, InterruptedException {
        Path script = GltfValidatorAssetSource.script(ModelAssets.defaults().modelsDir());
        RequiredAssets.require(Files.isRegularFile(script), "the glTF validator " + script);
        RequiredAssets.require(NpmPack.onPath("node"), "Node.js (node)");
        Process p = new ProcessBuilder("node", "-e", SCRIPT, script.toAbsolutePath().toString(),
            glb.toAbsolutePath().toString()).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("the glTF validator failed: " + err);
        }
        JsonNode issues = new ObjectMapper().readTree(out);
        List<String> messages = new ArrayList<>();
        for (JsonNode m : issues.path("messages")) {
            messages.add(m.path("code").asText() + " at " + m.path("pointer").asText() + ": " + m.path("message").asText());
        }
        return new Verdict(issues.path("numErrors").asInt(-1), issues.path("numWarnings").asInt(-1), messages);
    }
}
