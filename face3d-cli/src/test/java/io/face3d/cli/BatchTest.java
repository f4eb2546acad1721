package io.face3d.cli;

import io.face3d.core.Face3dException;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchTest {
    private static final List<Path> THREE = List.of(Path.of("a.json"), Path.of("b.json"), Path.of("c.json"));

    @Test
    void aBadInputIsOneLineAndTheOthersRun() {
        StringWriter err = new StringWriter();
        int status = Batch.run(new PrintWriter(err), "fit", THREE, 2, (i, in) -> {
            if (i == 1) {
                throw new Face3dException("b is broken: fix b");
            }
            return "fitted";
        }, "out");
        assertEquals(ExitCodes.BAD_INPUT, status);
        String[] lines = err.toString().split("\\R");
        assertEquals(4, lines.length, err.toString());
        assertEquals("[2/3] b.json: error: b is broken: fix b", lines[1]);
        assertTrue(lines[3].contains("1 of 3 inputs failed") && lines[3].endsWith("written to out"), lines[3]);
    }

    @Test
    void anInternalFailureOutranksABadInput() {
        Batch.Result r = Batch.runEach(new PrintWriter(new StringWriter()), THREE, 1, (i, in) -> {
            if (i == 0) {
                throw new Face3dException("bad");
            }
            if (i == 2) {
                throw new IllegalStateException("bug");
            }
            return "ok";
        });
        assertEquals(ExitCodes.INTERNAL, r.status());
        assertNull(r.failures().get(1));
        assertEquals("bad", r.failures().get(0));
    }

    @Test
    void oneInputFailingIsOneLineWithoutASummary() {
        StringWriter err = new StringWriter();
        Batch.run(new PrintWriter(err), "fit", List.of(Path.of("x.json")), 1, (i, in) -> {
            throw new Face3dException("x is broken: fix x");
        }, "out");
        assertEquals("[1/1] x.json: error: x is broken: fix x", err.toString().strip());
    }

    @Test
    void forEachRunsAllThenThrowsTheFirstFailureAsItWas() {
        AtomicInteger ran = new AtomicInteger();
        Face3dException first = new Face3dException("first");
        Face3dException thrown = assertThrows(Face3dException.class, () -> Batch.forEach(5, 2, i -> {
            ran.incrementAndGet();
            if (i == 1) {
                throw first;
            }
            if (i == 3) {
                throw new Face3dException("second");
            }
        }));
        assertSame(first, thrown);
        assertEquals(5, ran.get());
    }
}
