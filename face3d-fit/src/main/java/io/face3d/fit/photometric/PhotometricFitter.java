package io.face3d.fit.photometric;

import io.face3d.core.Face3dException;
import io.face3d.core.geom.Box2;
import io.face3d.core.geom.Pose;
import io.face3d.core.mesh.Mesh;
import io.face3d.core.model.MorphableModel;
import io.face3d.core.model.Region;
import io.face3d.fit.render.Rasterizer;
import io.face3d.core.image.RgbImage;
import io.face3d.fit.render.SphericalHarmonics;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Analysis-by-synthesis refinement of a landmark fit (the photometric stage of Deng et al. 2019, solved per photo
 * by optimisation): pose, identity, expression, SH lighting and a per-vertex albedo are refined so that the model's
 * rendering matches the photo where it looks like skin, while the landmarks stay close.
 *
 * <p><b>Image formation</b>: colour of visible vertex v = rho_v * E(n_v), E the order-2 SH irradiance
 * ({@link SphericalHarmonics}, camera-space normals), compared with the photo at the vertex's projection. The
 * photometric loss sums a penalty ({@link RobustLoss}) of the colour residual over the visible vertices of the
 * config's sample region (not pixels: ICT's vertices are nearly uniform on the face, a little denser at eyes and
 * lips) that the per-photo face-parsing mask ({@link FaceParsing}) admits as skin, weighted by the skin attention
 * A_v of {@link SkinColourModel}.
 *
 * <p><b>Albedo</b> (ICT Light has no albedo model): by default {@link RegionalAlbedo}, 13 left/right-symmetric
 * tone and feature functions on the model surface per channel, solved by weighted least squares with a ridge toward
 * the photo's mean skin colour rho_mean ({@link PhotometricConfig.AlbedoModel#SMOOTH}: its tone terms only); with
 * {@link PhotometricConfig.AlbedoModel#PER_VERTEX} one regularised colour per vertex ({@link PerVertexAlbedo}).
 *
 * <p><b>Optimiser</b>: block coordinate descent, each block solved by Gauss-Newton with analytic Jacobians:
 * lighting ({@link ShLightSolver}), albedo (linear), then pose + identity + expression
 * (Levenberg-Marquardt on the photometric, landmark and prior terms; the photometric penalty by iteratively
 * reweighted least squares, weights A_v w(||r_v||) of {@link RobustLoss}). The geometry Jacobian has the image-gradient terms, the shading
 * change of a head rotation and the shading change of a shape change (each sampled vertex's normal differentiated
 * through its one-ring of triangles); a step is accepted only if the exact objective, with the trial shape's own
 * normals, decreases; expression weights by projected Newton within [0, 1]. Coarse to fine over an image pyramid of
 * the face crop; visibility re-rasterised every iteration. Deterministic (no threads, no randomness).
 *
 * <p>The identity (perceptual) term of Deng et al. is left out: it needs a face-recognition network
 * (ArcFace-like) and none runs in Java here.
 */
public final class PhotometricFitter {
    private static final double SATURATED = 250 / 255.0;

    private final MorphableModel model;
    private final PhotometricConfig config;
    private final int faceVertices;
    private final int sampleVertices;
    private final int[] faceTriangles;
    private final FaceTopology topology;
    /** Refined modes' basis, vertex-major ((v, axis), k): a step's rows read one contiguous block per vertex. */
    private final float[] vertexBasis;
    private final int shapeParams;
    private final RegionalAlbedo regional;
    private final PerVertexAlbedo perVertex;
    private final int[] mirror;
    private final boolean[] skin;
    private final int[] landmarkVertices;
    private final double[] landmarkWeights;
    private final int[] expressions;
    private final int identityModes;

    public PhotometricFitter(MorphableModel model, PhotometricConfig config) {
        this.model = model;
        this.config = config;
        faceVertices = model.vertexCount(Region.FACE);
        sampleVertices = Math.min(faceVertices, model.vertexCount(config.sampleRegion()));
        faceTriangles = model.triangles(Region.FACE);
        mirror = model.mirrorMap().within(model.vertexCount(Region.FACE));
        identityModes = Math.min(config.identityModes(), model.identityCount());
        topology = new FaceTopology(faceTriangles, faceVertices);
        landmarkVertices = model.landmarks68();
        landmarkWeights = new double[68];
        for (int k = 0; k < 68; k++) {
            landmarkWeights[k] = (k >= 27 && k <= 35) || k >= 60 ? config.landmarkEmphasis() : 1;
        }
        skin = FaceParsing.skinVertices(model, faceVertices);
        perVertex = new PerVertexAlbedo(config, topology, mirror, skin);
        expressions = java.util.stream.IntStream.range(0, model.expressionCount())
            .filter(k -> !model.expressionNames().get(k).startsWith("PupilDilate")).toArray();
        shapeParams = identityModes + expressions.length;
        regional = config.albedoModel() == PhotometricConfig.AlbedoModel.PER_VERTEX ? null
            : new RegionalAlbedo(model, faceVertices, config.albedoModel() == PhotometricConfig.AlbedoModel.REGIONAL);
        vertexBasis = new float[3 * faceVertices * shapeParams];
        float[] id = model.identityArray(), ex = model.expressionArray();
        int stride = 3 * model.vertexCount();
        for (int k = 0; k < shapeParams; k++) {
            float[] b = k < identityModes ? id : ex;
            int off = (k < identityModes ? k : expressions[k - identityModes]) * stride;
            for (int j = 0; j < 3 * faceVertices; j++) {
                vertexBasis[j * shapeParams + k] = b[off + j];
            }
        }
    }

    /**
     * The normal's Jacobian of vertex v: the unnormalised normal N = sum over incident triangles (a, b, c) of
     * (p_b - p_a) x (p_c - p_a) = p_a x p_b + p_b x p_c + p_c x p_a (as {@link Mesh#vertexNormals}) gives
     * dN = sum_u dp_u x s_u over the one-ring u, with s_a += p_b - p_c, s_b += p_c - p_a, s_c += p_a - p_b
     * per triangle; dn = (I - n n^T) dN / |N|. Written to jacobian[offset + axis * shapeParams + k] (k: the refined
     * identity modes, then the expressions without PupilDilate), accumulated onto zeros.
     */
    void normalJacobian(float[] shape, int v, double[] jacobian, int offset) {
        int ringSize = topology.degree(v) + 1;
        int[] ring = new int[ringSize];
        ring[0] = v;
        System.arraycopy(topology.adjacency, topology.adjacencyStart[v], ring, 1, ringSize - 1);
        double[] lever = new double[3 * ringSize];
        double nx = 0, ny = 0, nz = 0;
        for (int q = topology.triangleStart[v]; q < topology.triangleStart[v + 1]; q++) {
            int t = topology.vertexTriangles[q];
            for (int c = 0; c < 3; c++) {
                int u = faceTriangles[t + c], pb = 3 * faceTriangles[t + (c + 1) % 3];
                int pc = 3 * faceTriangles[t + (c + 2) % 3];
                int slot = 0;
                while (ring[slot] != u) {
                    slot++;
                }
                lever[3 * slot] += shape[pb] - shape[pc];
                lever[3 * slot + 1] += shape[pb + 1] - shape[pc + 1];
                lever[3 * slot + 2] += shape[pb + 2] - shape[pc + 2];
                if (c == 0) {
                    int pa = 3 * u;
                    double ux = shape[pb] - shape[pa], uy = shape[pb + 1] - shape[pa + 1], uz = shape[pb + 2] - shape[pa + 2];
                    double wx = shape[pc] - shape[pa], wy = shape[pc + 1] - shape[pa + 1], wz = shape[pc + 2] - shape[pa + 2];
                    nx += uy * wz - uz * wy;
                    ny += uz * wx - ux * wz;
                    nz += ux * wy - uy * wx;
                }
            }
        }
        double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
        if (len == 0) {
            return;
        }
        nx /= len;
        ny /= len;
        nz /= len;
        int out = offset, oy = out + shapeParams, oz = oy + shapeParams;
        for (int r = 0; r < ringSize; r++) {
            double sx = lever[3 * r], sy = lever[3 * r + 1], sz = lever[3 * r + 2];
            int bx = 3 * ring[r] * shapeParams, by = bx + shapeParams, bz = by + shapeParams;
            for (int k = 0; k < shapeParams; k++) {
                double dx = vertexBasis[bx + k], dy = vertexBasis[by + k], dz = vertexBasis[bz + k];
                jacobian[out + k] += dy * sz - dz * sy;
                jacobian[oy + k] += dz * sx - dx * sz;
                jacobian[oz + k] += dx * sy - dy * sx;
            }
        }
        for (int k = 0; k < shapeParams; k++) {
            double dx = jacobian[out + k], dy = jacobian[oy + k], dz = jacobian[oz + k];
            double along = nx * dx + ny * dy + nz * dz;
            jacobian[out + k] = (dx - nx * along) / len;
            jacobian[oy + k] = (dy - ny * along) / len;
            jacobian[oz + k] = (dz - nz * along) / len;
        }
    }

    /** Shape unknowns of a geometry step: the refined identity modes, then the expressions without PupilDilate. */
    int shapeParameterCount() {
        return shapeParams;
    }

    /** The left/right counterpart of each full-face vertex ({@link io.face3d.core.model.MirrorMap#within}). */
    public int[] mirrorMap() {
        return mirror;
    }

    /** Skin vertices of the variance term (a copy). */
    public boolean[] skinMask() {
        return skin.clone();
    }

    /**
     * Refines a fit.
     *
     * @param photo      the photo
     * @param landmarks  the 68 detected landmarks (x, y interleaved, photo pixels, iBUG order)
     * @param start      starting pose (SOP or perspective) in photo pixels
     * @param identity   starting identity coefficients (all modes)
     * @param expression starting expression weights
     */
    public PhotometricResult fit(RgbImage photo, double[] landmarks, Pose start, double[] identity, double[] expression) {
        return fit(photo, landmarks, start, identity, expression, PhotometricAttention.none());
    }

    /**
     * Refines a fit leaving out the pixels and down-weighting the landmarks that {@code attention} names (an
     * occluder): excluded pixels carry no photometric samples and do not enter the skin colour model.
     */
    public PhotometricResult fit(RgbImage photo, double[] landmarks, Pose start, double[] identity, double[] expression,
                                 PhotometricAttention attention) {
        long t0 = System.nanoTime();
        if (landmarks == null || landmarks.length != 136) {
            throw new Face3dException("photometric refinement needs 68 landmarks (136 numbers): give the landmark fit's points");
        }
        for (double v : landmarks) {
            if (!Double.isFinite(v)) {
                throw new Face3dException("a landmark coordinate is NaN or infinite: check the landmark file");
            }
        }
        Work w = new Work(photo, landmarks, start, identity, expression, attention);
        LossTerms startLoss = w.startLoss();
        List<LossTerms> history = new ArrayList<>();
        int iteration = 0;
        for (int level = config.levels() - 1; level >= 0; level--) {
            for (int it = 0; it < config.iterations(); it++) {
                w.iterate(level, iteration, history);
                iteration++;
            }
        }
        w.evaluateOnly(history, iteration);
        Pose pose = w.photoPose();
        double[] fitted = new double[136];
        pose.project(model.evaluate(w.identity, w.expression, landmarkVertices), 68, fitted);
        return new PhotometricResult(pose, w.identity.clone(), w.expression.clone(), w.light.clone(), w.albedo.clone(),
            w.meanAlbedo.clone(), fitted, List.copyOf(history), startLoss, (System.nanoTime() - t0) / 1e6);
    }

    /** The state of one fit in the work frame: u_work = scale (u_photo - x0). */
    private final class Work {
        final FloatImage[] pyramid;
        final double x0, y0, scale, kappa;
        final double[] targets = new double[136];
        final SkinColourModel skinModel;
        final FaceParsing parsing;
        /** Scale of the robust photometric penalty (median residual norm over the samples), set by updateIrls. */
        double robustScale = RobustLoss.FLOOR;
        final double[] identity, expression;
        final double[] meanAlbedo;
        final float[] albedo = new float[3 * faceVertices];
        final double[] light = SphericalHarmonics.ambient();
        // pose in the work frame
        double[] rotation;
        double tx, ty, tz, scaleOrFocal, cx, cy;
        final boolean perspective;
        final Rasterizer[] rasterizers;
        // per-iteration buffers
        final float[] normals = new float[3 * faceVertices];
        final float[] irradiance = new float[3 * faceVertices];
        final double[] data = new double[3 * faceVertices];
        final double[] attention = new double[faceVertices];
        final double[] irls = new double[faceVertices];
        final double[] scratch = new double[9], sa = new double[3], sb = new double[3], grad = new double[9];
        final int params;
        final LinearSolverDense<DMatrixRMaj> solver;
        final ShLightSolver lightSolver = new ShLightSolver();
        double lambda = 1e-2;

        final PhotometricAttention guide;
        final double[] lmWeights = new double[68];

        Work(RgbImage photo, double[] landmarks, Pose start, double[] id, double[] ex, PhotometricAttention guide) {
            this.guide = guide;
            for (int k = 0; k < 68; k++) {
                lmWeights[k] = landmarkWeights[k] * guide.landmarkWeight(k);
            }
            Box2 extent = Box2.of(landmarks, 2, 0, 68);
            double box = Math.max(extent.width(), extent.height());
            if (!(box >= 16)) {
                throw new Face3dException("the face's landmarks span " + Math.round(box)
                    + " px: photometric refinement needs a face at least 16 px wide");
            }
            double side = 1.6 * box;
            // integer offsets: at scale 1 the work image is the photo's pixels unresampled
            x0 = Math.floor(extent.centreX() - side / 2);
            y0 = Math.floor(extent.centreY() - 0.55 * side);
            scale = Math.min(1, config.workSize() / side);
            int size = (int) Math.round(side * scale);
            kappa = 224 / (side * scale);
            pyramid = new FloatImage[config.levels()];
            pyramid[0] = FloatImage.crop(photo, x0, y0, scale, size, size);
            for (int l = 1; l < pyramid.length; l++) {
                pyramid[l] = pyramid[l - 1].half();
            }
            rasterizers = new Rasterizer[pyramid.length];
            for (int l = 0; l < pyramid.length; l++) {
                rasterizers[l] = new Rasterizer(pyramid[l].width(), pyramid[l].height());
            }
            double[] anchor = landmarks;
            if (config.anchor() == PhotometricConfig.LandmarkAnchor.START) {
                anchor = new double[136];
                start.project(model.evaluate(id == null ? new double[model.identityCount()] : id,
                    ex == null ? new double[model.expressionCount()] : ex, landmarkVertices), 68, anchor);
            }
            for (int k = 0; k < 136; k += 2) {
                targets[k] = scale * (anchor[k] - x0);
                targets[k + 1] = scale * (anchor[k + 1] - y0);
            }
            boolean[] cropExcluded = null;
            if (guide.excluded() != null) {
                cropExcluded = new boolean[size * size];
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        cropExcluded[y * size + x] = guide.excluded((int) Math.floor(x0 + (x + 0.5) / scale),
                            (int) Math.floor(y0 + (y + 0.5) / scale));
                    }
                }
            }
            skinModel = SkinColourModel.fit(pyramid[0].rgb(), size, size, SkinColourModel.convexHull(targets), cropExcluded);
            meanAlbedo = skinModel.meanRgb();
            parsing = new FaceParsing(config.parsing(), skinModel, skin);
            for (int v = 0; v < faceVertices; v++) {
                for (int c = 0; c < 3; c++) {
                    albedo[3 * v + c] = (float) meanAlbedo[c];
                }
            }
            identity = id == null ? new double[model.identityCount()] : id.clone();
            expression = ex == null ? new double[model.expressionCount()] : ex.clone();
            for (int k = 0; k < expression.length; k++) {
                expression[k] = Math.max(0, Math.min(1, expression[k]));
            }
            perspective = start.camera() == Pose.Camera.PERSPECTIVE;
            rotation = start.rotation();
            if (perspective) {
                tx = start.tx();
                ty = start.ty();
                tz = start.tz();
                scaleOrFocal = start.focal() * scale;
                cx = scale * (start.cx() - x0);
                cy = scale * (start.cy() - y0);
            } else {
                scaleOrFocal = start.scale() * scale;
                tx = scale * (start.tx() - x0);
                ty = scale * (start.ty() - y0);
            }
            params = 6 + identityModes + expressions.length;
            solver = LinearSolverFactory_DDRM.chol(params);
        }

        Pose workPose(double factor) {
            return perspective
                ? Pose.perspective(rotation, tx, ty, tz, scaleOrFocal * factor, cx * factor, cy * factor)
                : Pose.sop(rotation, scaleOrFocal * factor, tx * factor, ty * factor);
        }

        Pose photoPose() {
            return perspective
                ? Pose.perspective(rotation, tx, ty, tz, scaleOrFocal / scale, cx / scale + x0, cy / scale + y0)
                : Pose.sop(rotation, scaleOrFocal / scale, tx / scale + x0, ty / scale + y0);
        }

        /** One coarse-to-fine iteration at a level: visibility, lighting, albedo, then one LM step of the geometry. */
        void iterate(int level, int iteration, List<LossTerms> history) {
            double factor = Math.pow(0.5, level);
            float[] shape = model.evaluate(identity, expression, Region.FACE);
            int[] visible = observe(shape, level, factor);
            solveLight(visible);
            solveAlbedo(visible);
            geometryStep(shape, visible, level, factor);
            history.add(losses(level, iteration));
        }

        /**
         * The loss terms of the start (the landmark fit) at the finest level, light and albedo solved for it; light
         * and albedo are then set back, so the refinement starts as without this measurement.
         */
        LossTerms startLoss() {
            float[] shape = model.evaluate(identity, expression, Region.FACE);
            int[] visible = observe(shape, 0, 1);
            solveLight(visible);
            solveAlbedo(visible);
            LossTerms out = losses(0, -1);
            System.arraycopy(SphericalHarmonics.ambient(), 0, light, 0, light.length);
            for (int v = 0; v < faceVertices; v++) {
                for (int c = 0; c < 3; c++) {
                    albedo[3 * v + c] = (float) meanAlbedo[c];
                }
            }
            return out;
        }

        void evaluateOnly(List<LossTerms> history, int iteration) {
            float[] shape = model.evaluate(identity, expression, Region.FACE);
            observe(shape, 0, 1);
            history.add(losses(0, iteration));
        }

        /** Rasterises, computes normals, irradiance, and samples the image and attention at visible vertices. */
        int[] observe(float[] shape, int level, double factor) {
            Rasterizer r = rasterizers[level];
            Pose pose = workPose(factor);
            r.render(shape, faceVertices, faceTriangles, faceTriangles.length / 3, pose);
            SphericalHarmonics.rotateNormals(new Mesh(shape, faceTriangles).vertexNormals(), faceVertices, rotation, normals);
            SphericalHarmonics.irradiance(normals, faceVertices, light, irradiance);
            boolean[] vis = r.visibility();
            float[] screen = r.screenPositions();
            FloatImage img = pyramid[level];
            int[] list = new int[faceVertices];
            int n = 0;
            for (int v = 0; v < faceVertices; v++) {
                attention[v] = 0;
                if (v >= sampleVertices || topology.nearBoundary[v] || !parsing.samples(v) || !vis[v] || facing(shape, v) < 0.2 || !img.sample(screen[2 * v], screen[2 * v + 1], scratch)) {
                    continue;
                }
                if (guide.excluded() != null && guide.excluded((int) Math.floor(x0 + screen[2 * v] / (factor * scale)),
                    (int) Math.floor(y0 + screen[2 * v + 1] / (factor * scale)))) {
                    continue; // under the occluder: attention 0
                }
                if (Math.max(scratch[0], Math.max(scratch[1], scratch[2])) > SATURATED) {
                    continue; // clipped highlights break colour = albedo x irradiance
                }
                double a = parsing.attention(scratch[0], scratch[1], scratch[2]);
                if (a == 0) {
                    continue; // not skin: hair, brows, lips, beard, shadow
                }
                data[3 * v] = scratch[0];
                data[3 * v + 1] = scratch[1];
                data[3 * v + 2] = scratch[2];
                attention[v] = a;
                list[n++] = v;
            }
            if (n < 50) {
                throw new Face3dException("fewer than 50 face vertices are visible under the start pose: "
                    + "check the landmark fit that started the refinement");
            }
            int[] out = Arrays.copyOf(list, n);
            updateIrls(out);
            return out;
        }

        /** Cosine between the camera-space normal and the direction to the camera. */
        double facing(float[] shape, int v) {
            double nx = normals[3 * v], ny = normals[3 * v + 1], nz = normals[3 * v + 2];
            if (!perspective) {
                return nz;
            }
            double[] r = rotation;
            double x = shape[3 * v], y = shape[3 * v + 1], z = shape[3 * v + 2];
            double px = r[0] * x + r[1] * y + r[2] * z + tx, py = r[3] * x + r[4] * y + r[5] * z + ty;
            double pz = r[6] * x + r[7] * y + r[8] * z + tz;
            double len = Math.sqrt(px * px + py * py + pz * pz);
            return -(nx * px + ny * py + nz * pz) / len;
        }

        double attentionSum(int[] visible) {
            double s = 0;
            for (int v : visible) {
                s += attention[v];
            }
            return s;
        }

        /**
         * IRLS weights of the robust photometric penalty: photometric A_v w(||r_v||) / sum A, w of
         * {@link RobustLoss} at the scale of the current residuals (their median norm).
         */
        void updateIrls(int[] visible) {
            double sum = attentionSum(visible);
            double[] norms = new double[visible.length];
            for (int i = 0; i < visible.length; i++) {
                int v = visible[i];
                double r2 = 0;
                for (int c = 0; c < 3; c++) {
                    double r = data[3 * v + c] - albedo[3 * v + c] * irradiance[3 * v + c];
                    r2 += r * r;
                }
                norms[i] = Math.sqrt(r2);
            }
            robustScale = RobustLoss.scale(norms, norms.length);
            for (int i = 0; i < visible.length; i++) {
                irls[visible[i]] = config.photometric() * attention[visible[i]] * config.loss().weight(norms[i], robustScale) / sum;
            }
        }

        /** Lighting ({@link ShLightSolver}), then the irradiance and IRLS weights it implies. */
        void solveLight(int[] visible) {
            lightSolver.solve(visible, normals, albedo, data, irls, light);
            SphericalHarmonics.irradiance(normals, faceVertices, light, irradiance);
            updateIrls(visible);
        }

        /** Albedo ({@link RegionalAlbedo} or {@link PerVertexAlbedo}), then the IRLS weights it implies. */
        void solveAlbedo(int[] visible) {
            if (regional != null) {
                regional.solve(visible, irls, irradiance, data, meanAlbedo, albedo);
            } else {
                perVertex.solve(visible, irls, irradiance, data, meanAlbedo, albedo);
            }
            updateIrls(visible);
        }

        /** One Levenberg-Marquardt step of pose, identity and expression. */
        void geometryStep(float[] shape, int[] visible, int level, double factor) {
            int target = Math.max(300, (int) (config.samples() * factor));
            int stride = Math.max(1, visible.length / target);
            int n = (visible.length + stride - 1) / stride;
            int[] sampleVertices = new int[n];
            for (int i = 0; i < n; i++) {
                sampleVertices[i] = visible[i * stride];
            }
            // IRLS weights renormalised to the subsample, so the photometric term keeps its weight
            double sumAll = attentionSum(visible), sumSub = 0;
            for (int v : sampleVertices) {
                sumSub += attention[v];
            }
            double reweight = sumAll / Math.max(sumSub, 1e-12);
            Geometry g = new Geometry(sampleVertices, shape);
            double[] hess = new double[params * params], gradient = new double[params];
            g.accumulate(level, factor, reweight, hess, gradient);
            double current = g.objective(level, factor, reweight, null);
            // projected Newton (Bertsekas 1982): expression weights at a bound whose gradient pushes outward are
            // held fixed in this step, so the clamped step is the step the model predicted
            for (int k = 0; k < expressions.length; k++) {
                int j = 6 + identityModes + k;
                double b = expression[expressions[k]];
                if ((b <= 0 && gradient[j] > 0) || (b >= 1 && gradient[j] < 0)) {
                    for (int i = 0; i < params; i++) {
                        hess[i * params + j] = 0;
                        hess[j * params + i] = 0;
                    }
                    hess[j * params + j] = 1;
                    gradient[j] = 0;
                }
            }
            for (int attempt = 0; attempt < 5; attempt++) {
                DMatrixRMaj a = new DMatrixRMaj(params, params), b = new DMatrixRMaj(params, 1);
                for (int i = 0; i < params; i++) {
                    for (int j = 0; j < params; j++) {
                        a.data[i * params + j] = hess[i * params + j];
                    }
                    a.data[i * params + i] += lambda * hess[i * params + i] + 1e-9;
                    b.data[i] = -gradient[i];
                }
                DMatrixRMaj delta = new DMatrixRMaj(params, 1);
                if (!solver.setA(a)) {
                    lambda *= 10;
                    continue;
                }
                solver.solve(b, delta);
                double trial = g.objective(level, factor, reweight, delta.data);
                if (trial < current) {
                    g.apply(delta.data);
                    lambda = Math.max(1e-6, lambda / 3);
                    return;
                }
                lambda *= 5;
            }
        }

        /** Linearised geometry over a sample of vertices plus the 68 landmarks. */
        private final class Geometry {
            final int[] vertices;       // samples then landmark vertices
            final int samples;
            final double[] base;        // 3 per vertex: current positions
            final double[] basis;       // (i, axis, k) for the refined identity modes then expressions
            /** (i, axis, k): d(unit model-space normal of sample i)/d(shape parameter k). */
            final double[] normalJacobian;
            /** The pose this step linearises about. */
            final StepCamera camera = new StepCamera(perspective, rotation, tx, ty, tz, scaleOrFocal, cx, cy);

            Geometry(int[] sampleVertices, float[] shape) {
                samples = sampleVertices.length;
                vertices = Arrays.copyOf(sampleVertices, samples + 68);
                System.arraycopy(landmarkVertices, 0, vertices, samples, 68);
                base = new double[3 * vertices.length];
                basis = new double[3 * vertices.length * shapeParams];
                for (int i = 0; i < vertices.length; i++) {
                    int v = vertices[i];
                    for (int a = 0; a < 3; a++) {
                        base[3 * i + a] = shape[3 * v + a];
                    }
                    int from = 3 * v * shapeParams, to = 3 * i * shapeParams;
                    for (int j = 0; j < 3 * shapeParams; j++) {
                        basis[to + j] = vertexBasis[from + j];
                    }
                }
                normalJacobian = new double[3 * samples * shapeParams];
                for (int i = 0; i < samples; i++) {
                    normalJacobian(shape, vertices[i], normalJacobian, 3 * i * shapeParams);
                }
            }

            /** Position of vertex i after a step (null = current), model space. */
            void position(int i, double[] delta, double[] out) {
                for (int a = 0; a < 3; a++) {
                    double p = base[3 * i + a];
                    if (delta != null) {
                        int row = (3 * i + a) * shapeParams;
                        for (int k = 0; k < shapeParams; k++) {
                            double d = delta[6 + k];
                            if (k >= identityModes) {
                                int e = expressions[k - identityModes];
                                d = Math.max(0, Math.min(1, expression[e] + d)) - expression[e];
                            }
                            p += basis[row + k] * d;
                        }
                    }
                    out[a] = p;
                }
            }

            /** The objective (photometric + landmark + prior) on these samples after a step (null = now). */
            double objective(int level, double factor, double reweight, double[] delta) {
                double[] rot = camera.rotationAfter(delta), p = new double[3], uv = new double[2], col = new double[3];
                float[] irr = irradiance;
                if (delta != null) {
                    // the trial's own normals: the step is accepted on the exact objective, shading included
                    double[] id = identity.clone(), ex = expression.clone();
                    for (int k = 0; k < identityModes; k++) {
                        id[k] += delta[6 + k];
                    }
                    for (int k = 0; k < expressions.length; k++) {
                        int e = expressions[k];
                        ex[e] = Math.max(0, Math.min(1, ex[e] + delta[6 + identityModes + k]));
                    }
                    float[] trial = model.evaluate(id, ex, Region.FACE);
                    float[] n = new float[trial.length];
                    SphericalHarmonics.rotateNormals(new Mesh(trial, faceTriangles).vertexNormals(), faceVertices, rot, n);
                    irr = new float[trial.length];
                    SphericalHarmonics.irradiance(n, faceVertices, light, irr);
                }
                FloatImage img = pyramid[level];
                double photo = 0;
                double sum = 0;
                for (int i = 0; i < samples; i++) {
                    int v = vertices[i];
                    position(i, delta, p);
                    camera.project(p, rot, delta, factor, uv);
                    double r2 = 0;
                    if (img.sample(uv[0], uv[1], col)) {
                        for (int c = 0; c < 3; c++) {
                            double r = col[c] - albedo[3 * v + c] * irr[3 * v + c];
                            r2 += r * r;
                        }
                    } else {
                        r2 = 1;
                    }
                    photo += attention[v] * config.loss().rho(Math.sqrt(r2), robustScale);
                    sum += attention[v];
                }
                double total = config.photometric() * photo / Math.max(sum, 1e-12);
                double lm = 0;
                for (int k = 0; k < 68; k++) {
                    position(samples + k, delta, p);
                    camera.project(p, rot, delta, 1, uv);
                    double dx = kappa * (uv[0] - targets[2 * k]), dy = kappa * (uv[1] - targets[2 * k + 1]);
                    lm += lmWeights[k] * (dx * dx + dy * dy);
                }
                total += config.landmark() * lm / 68;
                double prior = 0;
                for (int k = 0; k < identityModes; k++) {
                    double a = identity[k] + (delta == null ? 0 : delta[6 + k]);
                    prior += config.identityPrior() * a * a;
                }
                for (int k = 0; k < expressions.length; k++) {
                    int e = expressions[k];
                    double b = delta == null ? expression[e] : Math.max(0, Math.min(1, expression[e] + delta[6 + identityModes + k]));
                    prior += config.expressionPrior() * b * b;
                }
                return total + config.prior() * prior;
            }

            /** Gauss-Newton normal equations: hess += J^T W J, gradient += J^T W r over all terms. */
            void accumulate(int level, double factor, double reweight, double[] hess, double[] gradient) {
                double[] d0 = new double[params], d1 = new double[params], row = new double[params], dn = new double[3];
                double[] p = new double[3], uv = new double[2];
                FloatImage img = pyramid[level];
                for (int i = 0; i < vertices.length; i++) {
                    boolean landmark = i >= samples;
                    double f = landmark ? 1 : factor;
                    position(i, null, p);
                    camera.project(p, rotation, null, f, uv);
                    camera.jacobian(p, f, basis, 3 * i * shapeParams, shapeParams, d0, d1);
                    if (landmark) {
                        int k = i - samples;
                        double c = 2 * config.landmark() * lmWeights[k] / 68 * kappa * kappa;
                        double rx = uv[0] - targets[2 * k], ry = uv[1] - targets[2 * k + 1];
                        addOuter(hess, gradient, d0, c, rx);
                        addOuter(hess, gradient, d1, c, ry);
                        continue;
                    }
                    int v = vertices[i];
                    if (!img.sampleWithGradient(uv[0], uv[1], grad, sa, sb)) {
                        continue;
                    }
                    double wv = irls[v] * reweight;
                    double nx = normals[3 * v], ny = normals[3 * v + 1], nz = normals[3 * v + 2];
                    for (int c = 0; c < 3; c++) {
                        double r = grad[c] - albedo[3 * v + c] * irradiance[3 * v + c];
                        double gu = grad[3 + 2 * c], gv = grad[4 + 2 * c];
                        for (int j = 0; j < params; j++) {
                            row[j] = gu * d0[j] + gv * d1[j];
                        }
                        camera.subtractShading(nx, ny, nz, light, c, albedo[3 * v + c], normalJacobian,
                            3 * i * shapeParams, shapeParams, dn, row);
                        addOuter(hess, gradient, row, wv, r);
                    }
                }
                for (int j = 0; j < params; j++) {
                    for (int k = 0; k < j; k++) {
                        hess[j * params + k] = hess[k * params + j];
                    }
                }
                for (int k = 0; k < identityModes; k++) {
                    double c = 2 * config.prior() * config.identityPrior();
                    hess[(6 + k) * (params + 1)] += c;
                    gradient[6 + k] += c * identity[k];
                }
                for (int k = 0; k < expressions.length; k++) {
                    double c = 2 * config.prior() * config.expressionPrior();
                    int j = 6 + identityModes + k;
                    hess[j * (params + 1)] += c;
                    gradient[j] += c * expression[expressions[k]];
                }
            }

            /** Upper triangle of hess += c row row^T; gradient += c row r. */
            private void addOuter(double[] hess, double[] gradient, double[] row, double c, double r) {
                for (int j = 0; j < params; j++) {
                    double cj = c * row[j];
                    if (cj == 0) {
                        continue;
                    }
                    gradient[j] += cj * r;
                    int base = j * params;
                    for (int k = j; k < params; k++) {
                        hess[base + k] += cj * row[k];
                    }
                }
            }

            void apply(double[] delta) {
                rotation = camera.rotationAfter(delta);
                if (perspective) {
                    tx += delta[3];
                    ty += delta[4];
                    tz += delta[5];
                } else {
                    scaleOrFocal *= Math.exp(delta[3]);
                    tx += delta[4];
                    ty += delta[5];
                }
                for (int k = 0; k < identityModes; k++) {
                    identity[k] += delta[6 + k];
                }
                for (int k = 0; k < expressions.length; k++) {
                    int e = expressions[k];
                    expression[e] = Math.max(0, Math.min(1, expression[e] + delta[6 + identityModes + k]));
                }
            }
        }

        LossTerms losses(int level, int iteration) {
            int[] visible = java.util.stream.IntStream.range(0, faceVertices).filter(v -> attention[v] > 0).toArray();
            double photo = 0, sum = 0;
            for (int v : visible) {
                double r2 = 0;
                for (int c = 0; c < 3; c++) {
                    double r = data[3 * v + c] - albedo[3 * v + c] * irradiance[3 * v + c];
                    r2 += r * r;
                }
                photo += attention[v] * Math.sqrt(r2);
                sum += attention[v];
            }
            photo /= Math.max(sum, 1e-12);
            double[] uv = new double[136];
            workPose(1).project(model.evaluate(identity, expression, landmarkVertices), 68, uv);
            double lm = 0, rms = 0;
            for (int k = 0; k < 68; k++) {
                double dx = uv[2 * k] - targets[2 * k], dy = uv[2 * k + 1] - targets[2 * k + 1];
                lm += lmWeights[k] * kappa * kappa * (dx * dx + dy * dy);
                rms += dx * dx + dy * dy;
            }
            lm /= 68;
            rms = Math.sqrt(rms / 68) / scale;
            double idp = 0, exp = 0;
            for (double a : identity) {
                idp += a * a;
            }
            for (double b : expression) {
                exp += b * b;
            }
            double[] at = perVertex.terms(albedo, meanAlbedo);
            double albedoPrior = at[0], variance = at[1], smooth = at[2], sym = at[3];
            double total = config.photometric() * photo + config.landmark() * lm
                + config.prior() * (config.identityPrior() * idp + config.expressionPrior() * exp + config.albedoPrior() * albedoPrior)
                + config.textureVariance() * variance + config.albedoSmoothness() * smooth + config.albedoSymmetry() * sym;
            return new LossTerms(level, iteration, photo, lm, idp, exp, albedoPrior, variance, smooth, sym, total, rms);
        }
    }
}
