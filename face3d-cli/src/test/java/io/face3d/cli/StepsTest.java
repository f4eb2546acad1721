package io.face3d.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StepsTest {
    @Test
    void eachStepIsAnnouncedWithTheTimeLeftOfTheStepsAhead() {
        StringWriter text = new StringWriter();
        Steps.Estimates prior = new Steps.Estimates(Map.of("a", 3.0, "b", 20.0, "c", 10.0));
        try (Steps steps = new Steps(new PrintWriter(text), "job", prior)) {
            steps.plan(List.of("b", "c")).start("a", "first");
            steps.start("b", "second");
        }
        String[] lines = text.toString().split("\\R");
        assertTrue(lines[0].matches("job \\[0\\.\\d s\\]: first\\.\\.\\. \\(about 33 s left\\)"), lines[0]);
        assertTrue(lines[1].matches("job \\[0\\.\\d s\\]: second\\.\\.\\. \\(about 30 s left\\)"), lines[1]);
    }

    @Test
    void aStepTimedInThisRunReplacesItsPrior() {
        Steps.Estimates e = new Steps.Estimates(Map.of("fit", 100.0));
        e.record("fit", 2.0);
        e.record("fit", 4.0);
        assertEquals(3.0, e.of("fit"), 1e-12);
        assertEquals(1.0, e.of("unknown"), 1e-12); // a step without a prior counts one second
    }

    @Test
    void timeLeftReadsInSecondsThenMinutes() {
        assertEquals("about 1 s left", Steps.about(0.2));
        assertEquals("about 42 s left", Steps.about(42.4));
        assertEquals("about 3 min left", Steps.about(185));
    }
}
