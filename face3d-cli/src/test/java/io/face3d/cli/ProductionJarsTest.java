package io.face3d.cli;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The production jars (what a Java user or the clinic's server depends on) hold no benchmark, synthetic-data or
 * offline-tool class: those live in face3d-benchmarks, face3d-synth and tools. Reads this test's class path, so
 * it checks the packaged jars in a reactor {@code verify} and the class folders in a reactor {@code test}.
 */
class ProductionJarsTest {
    private static final List<String> PRODUCTION = List.of(
        "face3d-core", "face3d-vision", "face3d-fit", "face3d-learn", "face3d-eval", "face3d-clinic", "face3d-api",
        "face3d-server", "face3d-cli");
    private static final List<String> NOT_PRODUCTION = List.of("face3d-synth", "face3d-benchmarks");
    /** Classes of the tools module (not on this class path) and names no production class may take. */
    private static final Pattern FORBIDDEN = Pattern.compile(
        "(.*(BenchSuite|Benchmark|BenchCommand)|Synthetic.*|ProceduralSkin|ValueNoise|HeadParts|PhotoOccluder"
            + "|JawConventionFaces|AnalyticMeshes|RenderedFaces|GradingRows|FaceMeshCorrespondenceBuilder"
            + "|DetectorBoxCalibration)");

    @Test
    void productionJarsHoldNoBenchmarkSyntheticOrToolClass() {
        Map<String, Set<String>> production = new TreeMap<>();
        Set<String> elsewhere = new TreeSet<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            String module = module(p);
            if (PRODUCTION.contains(module) && !isTestOutput(p)) {
                production.computeIfAbsent(module, m -> new TreeSet<>()).addAll(classes(p));
            } else if (NOT_PRODUCTION.contains(module) && !isTestOutput(p)) {
                elsewhere.addAll(classes(p));
            }
        }
        assertEquals(new TreeSet<>(PRODUCTION), production.keySet(), "every production module on the class path");
        assertFalse(elsewhere.isEmpty(), "the synth and benchmarks classes on the class path");
        for (Map.Entry<String, Set<String>> m : production.entrySet()) {
            List<String> bad = m.getValue().stream()
                .filter(c -> elsewhere.contains(c) || FORBIDDEN.matcher(simpleName(c)).matches()).toList();
            assertTrue(bad.isEmpty(), m.getKey() + " holds " + bad);
        }
    }

    /** The module a class-path entry belongs to: reactor target/classes or target/*.jar, or a local-repository jar. */
    private static String module(Path p) {
        for (Path q = p; q != null; q = q.getParent()) {
            String name = q.getFileName() == null ? "" : q.getFileName().toString();
            if (name.equals("target") && q.getParent() != null) {
                return q.getParent().getFileName().toString();
            }
        }
        String file = p.getFileName() == null ? "" : p.getFileName().toString();
        return file.endsWith(".jar") ? file.replaceFirst("-\\d.*$", "") : "";
    }

    private static boolean isTestOutput(Path p) {
        String f = p.getFileName() == null ? "" : p.getFileName().toString();
        return f.equals("test-classes") || f.endsWith("-tests.jar");
    }

    private static String simpleName(String className) {
        String s = className.substring(className.lastIndexOf('.') + 1);
        int inner = s.indexOf('$');
        return inner < 0 ? s : s.substring(0, inner);
    }

    private static Set<String> classes(Path entry) {
        Set<String> out = new TreeSet<>();
        try {
            if (Files.isDirectory(entry)) {
                try (Stream<Path> s = Files.walk(entry)) {
                    s.filter(f -> f.toString().endsWith(".class"))
                        .forEach(f -> out.add(className(entry.relativize(f).toString().replace(File.separatorChar, '/'))));
                }
            } else if (Files.isRegularFile(entry)) {
                try (ZipFile z = new ZipFile(entry.toFile())) {
                    z.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class") && !n.startsWith("META-INF/"))
                        .forEach(n -> out.add(className(n)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static String className(String path) {
        return path.substring(0, path.length() - ".class".length()).replace('/', '.');
    }
}
