package io.face3d.fit.render;

import io.face3d.core.geom.Pose;
import io.face3d.core.geom.Rotation;
import io.face3d.core.model.MorphableModel;
import io.face3d.core.model.Region;
import io.face3d.core.testing.TestModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RasterizerTest {
    static Pose pose(boolean perspective, double yaw) {
        double[] r = Rotation.fromEulerDegrees(yaw, 5, -3);
        return perspective ? Pose.perspective(r, 0, -10, -600, 1400, 160, 160) : Pose.sop(r, 1.2, 160, 150);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void barycentricsReproducePixelCentresAndDepth(boolean perspective) {
        MorphableModel m = TestModel.get();
        float[] p = m.evaluate(null, null, Region.FACE);
        int[] tri = m.triangles(Region.FACE);
        Pose pose = pose(perspective, 20);
        Rasterizer r = new Rasterizer(320, 320);
        r.render(p, p.length / 3, tri, tri.length / 3, pose);
        assertTrue(r.coveredPixels() > 20000, "face covers " + r.coveredPixels());
        double[] rot = pose.rotation();
        int checked = 0;
        for (int y = 0; y < 320; y += 3) {
            for (int x = 0; x < 320; x += 3) {
                int i = y * 320 + x, t = r.triangleIds()[i];
                if (t < 0) {
                    continue;
                }
                double b0 = r.barycentric0()[i], b1 = r.barycentric1()[i], b2 = 1 - b0 - b1;
                assertTrue(b0 >= -1e-4 && b1 >= -1e-4 && b2 >= -1e-4);
                // the model-space point at the barycentrics projects to the pixel centre (perspective-correct)
                float[] q = new float[3];
                for (int a = 0; a < 3; a++) {
                    q[a] = (float) (b0 * p[3 * tri[3 * t] + a] + b1 * p[3 * tri[3 * t + 1] + a] + b2 * p[3 * tri[3 * t + 2] + a]);
                }
                double[] uv = new double[2];
                pose.project(q, 1, uv);
                assertEquals(x + 0.5, uv[0], 2e-3);
                assertEquals(y + 0.5, uv[1], 2e-3);
                double zc = rot[6] * q[0] + rot[7] * q[1] + rot[8] * q[2] + (perspective ? pose.tz() : 0);
                double key = perspective ? -1 / zc : zc;
                assertEquals(key, r.depthBuffer()[i], Math.abs(key) * 1e-5 + 1e-6);
                checked++;
            }
        }
        assertTrue(checked > 2000);
    }

    @Test
    void frontVerticesVisibleBackOfHeadHidden() {
        MorphableModel m = TestModel.get();
        float[] p = m.evaluate(null, null, Region.HEAD);
        int[] tri = m.triangles(Region.HEAD);
        Rasterizer r = new Rasterizer(400, 400);
        r.render(p, HeadParts.HEAD_AND_NECK.endVertex(), tri, 11144 * 2, Pose.sop(Rotation.fromEulerDegrees(0, 0, 0), 1.0, 200, 200));
        int front = 0, back = 0;
        for (int v = 0; v < HeadParts.HEAD_AND_NECK.endVertex(); v++) {
            if (p[3 * v + 2] > p[3 * front + 2]) {
                front = v;
            }
            if (p[3 * v + 2] < p[3 * back + 2]) {
                back = v;
            }
        }
        assertTrue(r.visibility()[front], "nose tip visible");
        assertFalse(r.visibility()[back], "back of the head hidden");
        // under a 60 degree yaw (nose toward image right, the subject turns to their left) the left side turns away
        r.render(p, HeadParts.HEAD_AND_NECK.endVertex(), tri, 11144 * 2, Pose.sop(Rotation.fromEulerDegrees(60, 0, 0), 1.0, 200, 200));
        int visibleLeft = 0, visibleRight = 0;
        for (int v = 0; v < HeadParts.FACE.endVertex(); v++) {
            if (r.visibility()[v] && p[3 * v] > 50) {
                visibleLeft++;
            }
            if (r.visibility()[v] && p[3 * v] < -50) {
                visibleRight++;
            }
        }
        assertTrue(visibleRight > 5 * visibleLeft, visibleRight + " vs " + visibleLeft);
    }

    @Test
    void cullingKeepsFrontFacesOnly() {
        MorphableModel m = TestModel.get();
        float[] p = m.evaluate(null, null, Region.FACE);
        int[] tri = m.triangles(Region.FACE);
        Rasterizer culled = new Rasterizer(300, 300);
        Rasterizer all = new Rasterizer(300, 300).cullBackFaces(false);
        Pose pose = Pose.sop(Rotation.fromEulerDegrees(0, 0, 0), 1.0, 150, 150);
        culled.render(p, p.length / 3, tri, tri.length / 3, pose);
        all.render(p, p.length / 3, tri, tri.length / 3, pose);
        int same = 0, covered = 0;
        for (int i = 0; i < 300 * 300; i++) {
            if (all.triangleIds()[i] >= 0) {
                covered++;
                if (all.triangleIds()[i] == culled.triangleIds()[i]) {
                    same++;
                }
            }
        }
        // seen from the front the visible surface is front facing: culling changes almost nothing
        assertTrue(same > 0.98 * covered, same + " of " + covered);
    }
}
