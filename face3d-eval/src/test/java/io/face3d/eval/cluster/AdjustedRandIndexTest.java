package io.face3d.eval.cluster;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AdjustedRandIndexTest {
    @Test
    void identicalPartitionsUpToRenamingScoreOne() {
        assertEquals(1.0, AdjustedRandIndex.of(new int[] {0, 0, 1, 1, 2, 2}, new int[] {5, 5, 3, 3, 9, 9}), 1e-12);
    }

    @Test
    void matchesAHandComputedValue() {
        // truth {0,0,0,1,1,1}, predicted {0,0,1,1,2,2}: contingency [[2,1,0],[0,1,2]]
        // index = C(2,2)+C(2,2) = 2; a = 3+3 = 6; b = 1+1+1 = 3; expected = 6*3/15 = 1.2; max = 4.5
        assertEquals((2 - 1.2) / (4.5 - 1.2), AdjustedRandIndex.of(new int[] {0, 0, 0, 1, 1, 1},
            new int[] {0, 0, 1, 1, 2, 2}), 1e-12);
    }
}
