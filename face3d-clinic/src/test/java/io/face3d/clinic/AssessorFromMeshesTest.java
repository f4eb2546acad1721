package io.face3d.clinic;

import io.face3d.core.model.MorphableModel;
import io.face3d.core.testing.TestModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Synthetic subjects drawn from the model with a known one-sided weakness: the weaker side must be named and the
 * smile excursion ratio must follow the blendshape weight ratio (the truth a mesh-based validation knows).
 */
class AssessorFromMeshesTest {
    private final MorphableModel model = TestModel.get();

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void namesTheWeakerSideAndTheSmileRatio(long seed) {
        OneSidedSubject s = OneSidedSubject.draw(model, seed);
        double[] id = s.identity();
        Map<Movement, FaceState> postures = new EnumMap<>(Movement.class);
        postures.put(Movement.REST, state(id, Map.of()));
        postures.put(Movement.SMILE, state(id, Map.of("mouthSmile_R", s.right(), "mouthSmile_L", s.left())));
        postures.put(Movement.BROW, state(id, Map.of("browOuterUp_R", s.right(), "browOuterUp_L", s.left(),
            "browInnerUp_R", s.right(), "browInnerUp_L", s.left())));
        postures.put(Movement.EYES_CLOSED, state(id, Map.of("eyeBlink_R", s.right(), "eyeBlink_L", s.left())));
        Assessment a = Assessor.assess(postures, Optional.empty());
        Side weaker = s.rightWeak() ? Side.RIGHT : Side.LEFT;
        for (Movement m : new Movement[] {Movement.SMILE, Movement.BROW, Movement.EYES_CLOSED}) {
            assertEquals(weaker, a.movements().get(m).weakerSide(), m + " weaker side");
        }
        assertEquals(weaker.other(), a.healthySide());
        assertEquals(s.weak() / s.strong(), a.movements().get(Movement.SMILE).ratio(), 0.1, "smile excursion ratio");
    }

    private FaceState state(double[] id, Map<String, Double> weights) {
        return ModelStates.of(model, id, weights, false);
    }
}
