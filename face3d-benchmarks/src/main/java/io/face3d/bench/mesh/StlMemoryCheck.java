package io.face3d.bench.mesh;

import io.face3d.core.mesh.Mesh;
import io.face3d.core.mesh.MeshIO;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a large binary STL and prints the time and the peak heap the read needed (issue 6: a 5-million-triangle
 * STL within the default heap). Usage: {@code StlMemoryCheck TRIANGLES closed|soup}; run it with a small -Xmx to
 * show how compact the representation is.
 */
public final class StlMemoryCheck {
    private StlMemoryCheck() {
    }

    public static void main(String[] args) throws Exception {
        int triangles = Integer.parseInt(args[0]);
        String layout = args.length > 1 ? args[1] : "closed";
        Path file = Files.createTempFile("face3d-mem-", ".stl");
        try {
            StlFixtures.write(layout, triangles, file);
            System.gc();
            long before = heapUsed();
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                pool.resetPeakUsage();
            }
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            Mesh mesh = MeshIO.read(file);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            long cpuMs = (threads.getCurrentThreadCpuTime() - c0) / 1_000_000;
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            long result = 4L * (mesh.positions().length + mesh.triangles().length);
            System.out.printf("%s: %d triangles, %d vertices, file %d MB, read %d ms wall (%d ms CPU of this thread), heap before %d MB, peak %d MB"
                    + " (sum of pool peaks), result arrays %d MB, max heap %d MB%n", layout, mesh.triangleCount(),
                mesh.vertexCount(), Files.size(file) >> 20, ms, cpuMs, before >> 20, peak >> 20, result >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
