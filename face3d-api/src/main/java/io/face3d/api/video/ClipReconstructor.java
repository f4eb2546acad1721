package io.face3d.api.video;

import io.face3d.api.Face3d;
import io.face3d.api.RestPointTracker;
import io.face3d.clinic.ClipAnalysis;
import io.face3d.clinic.EyeOpenness;
import io.face3d.clinic.RestReferencedRefit;
import io.face3d.core.Face3dException;
import io.face3d.core.geom.Box2;
import io.face3d.core.image.RgbImage;
import io.face3d.core.model.MorphableModel;
import io.face3d.fit.landmark.FitConfig;
import io.face3d.fit.landmark.FitResult;
import io.face3d.fit.landmark.JointFitResult;
import io.face3d.fit.landmark.LandmarkObservation;
import io.face3d.fit.multi.Aggregation;
import io.face3d.vision.FaceBox;
import io.face3d.vision.FaceLandmarks;
import io.face3d.vision.LandmarkDetector;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.stream.IntStream;

/**
 * One face through a clip: one identity, pose and expression per frame, built from the same parts as the photo
 * path ({@link io.face3d.api.PosturePhotos}) so a frame is measured as a posture photo is.
 * <ol>
 * <li>Landmarks, frame by frame: the detector runs on the whole first frame; afterwards FaceMesh runs in the box of
 * the previous frame's mesh (as MediaPipe's own video graph does), and the whole-frame detection runs again only
 * when the face is lost (presence under {@link Config#minPresence()}).</li>
 * <li>Rest: a joint fit ({@link Aggregation#JOINT}, the multi-photo fit) of frames spread over the clip; the frame
 * among them with the least expression is a first reference; every frame's 3D landmarks against it
 * ({@link RestReferencedRefit}) give the clip's activity ({@link ClipAnalysis#activity}: distance of the measures
 * from their medians over the clip), whose minimum is rest ({@link ClipAnalysis#restFrame}).
 * The identity is then fitted once, jointly over the {@link Config#restLikeFrames()} least active frames.</li>
 * <li>Points: the rest frame's points carried into every frame by following the image ({@link RestPointTracker},
 * started at the frame's detected points: no drift, unlike a frame-to-frame track), eye openness read from the
 * pixels ({@link EyeOpenness}); frames in parallel.</li>
 * <li>Smoothing: the followed points (in inter-ocular distances) through a One Euro filter ({@link OneEuroFilter};
 * Casiez et al. 2012), run forward and then backward over the forward output, so the filter's lag cancels (the
 * zero-phase forward-backward scheme of filtfilt) and a peak stays on its frame. Eye openness is not smoothed, so
 * blinks keep their depth.</li>
 * <li>Per frame, with the identity fixed: pose on the rigid points and expression, referenced to rest
 * ({@link RestReferencedRefit.Reference#follow}).</li>
 * <li>Rest again: the least active frame of these followed landmarks, which move far less at rest than the
 * detector's points the first choice had to use (that choice stays the frame the points are followed from).</li>
 * </ol>
 */
public final class ClipReconstructor {
    private static final int LEFT_EYE_MESH = 263, RIGHT_EYE_MESH = 33;

    /**
     * @param detector       landmark detector name ("mediapipe" or "dlib")
     * @param smoothing      the One Euro filter of the followed points, in inter-ocular distances
     * @param minPresence    FaceMesh presence under which the face counts as lost and is detected again
     * @param sampleFrames   frames spread over the clip for the first joint fit (rest search)
     * @param restLikeFrames least active frames the identity is fitted on
     * @param threads        worker threads of the per-frame point tracking
     */
    public record Config(String detector, OneEuroFilter smoothing, double minPresence, int sampleFrames,
                         int restLikeFrames, int threads) {
        public Config {
            Objects.requireNonNull(detector, "detector");
            Objects.requireNonNull(smoothing, "smoothing");
            if (!(minPresence >= 0 && minPresence < 1) || sampleFrames < 1 || restLikeFrames < 1 || threads < 1) {
                throw new IllegalArgumentException("minPresence in [0, 1), sampleFrames, restLikeFrames and threads >= 1");
            }
        }

        /**
         * MediaPipe; One Euro 1 Hz at rest, beta 10 per IOD/s (a detector's jitter of ~0.5% IOD per frame stays under
         * 3 Hz, a lid or mouth corner moving 1 IOD/s passes at 11 Hz), speed cutoff 1 Hz; 12 sampled frames, identity
         * over 5; one tracking thread per core.
         */
        public static Config defaults() {
            return new Config("mediapipe", new OneEuroFilter(1.0, 10, 1.0), 0.5, 12, 5,
                Runtime.getRuntime().availableProcessors());
        }

        public Config withThreads(int n) {
            return new Config(detector, smoothing, minPresence, sampleFrames, restLikeFrames, n);
        }
    }

    /**
     * One frame.
     *
     * @param detection    true when the whole-frame detector ran (first frame, or the face was lost)
     * @param detected     the detector's 68 points, or null when no face was found
     * @param points       the 68 points the 3D landmarks follow (rest points followed into the frame, smoothed)
     * @param posture      pose (SOP, on the rigid points), expression and 3D landmarks; null without a face
     * @param eyeOpenness  {right, left} from the pixels, or null (no face, or the cheeks outside the frame)
     * @param cpuMs        thread CPU time spent on this frame (detection, tracking, fit; not the decoding)
     */
    public record Frame(int index, double timeS, boolean detection, double[] detected, double[] points,
                        RestReferencedRefit.Posture posture, double[] eyeOpenness, double cpuMs) {
        public boolean hasFace() {
            return posture != null;
        }
    }

    /**
     * A clip's reconstruction.
     *
     * @param rest         the rest frame: least active frame of the followed landmarks ({@link ClipAnalysis#activity})
     * @param followedFrom the frame whose points are followed into every other frame (least active of the detector's
     *                     points: the first choice of rest)
     * @param identity     the identity fitted on the rest-like frames
     * @param restFit      the joint fit of the followedFrom frame (identity above)
     * @param activity     per frame, the followed landmarks' {@link ClipAnalysis#activity} (NaN without a face)
     * @param restLike   indices of the frames the identity was fitted on
     * @param detections whole-frame detections run
     * @param stageMs    wall time per stage: landmarks, rest, tracking, fit, total
     */
    public record Clip(Path file, double frameRate, int width, int height, List<Frame> frames, int rest,
                       int followedFrom, int[] restLike, double[] identity, FitResult restFit, int detections,
                       Map<String, Double> stageMs, double[] activity) {
        public Clip {
            frames = List.copyOf(frames);
        }

        /** What {@link ClipAnalysis} reads of each frame (null without a face). */
        public List<ClipAnalysis.Frame> analysisFrames() {
            List<ClipAnalysis.Frame> out = new ArrayList<>();
            for (Frame f : frames) {
                out.add(f.hasFace() ? new ClipAnalysis.Frame(f.posture().landmarks3d(), f.eyeOpenness()) : null);
            }
            return out;
        }

        /** Frames per second of processing (frames over the total wall time, decoding included). */
        public double processingFps() {
            return frames.size() / (stageMs.get("total") / 1000);
        }
    }

    /** Told how far a pass over the clip has got. */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = (pass, done, total) -> { };

        /** @param total the container's frame count (0 when unknown) */
        void frames(String pass, int done, int total);
    }

    private final Face3d face3d;
    private final Config config;

    public ClipReconstructor(Face3d face3d, Config config) {
        this.face3d = Objects.requireNonNull(face3d, "face3d");
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * @throws Face3dException when the file cannot be read as a video or no frame shows a face
     */
    public Clip reconstruct(Path file, Listener listener) {
        long t0 = System.nanoTime();
        Landmarks lm = landmarks(file, listener);
        long t1 = System.nanoTime();
        int n = lm.detected.size();
        MorphableModel model = face3d.model();
        FitConfig fitConfig = Face3d.fitConfigFor(config.detector());
        RestReferencedRefit refit = new RestReferencedRefit(model, RestReferencedRefit.Config.defaults());
        int[] withFace = IntStream.range(0, n).filter(t -> lm.detected.get(t) != null).toArray();
        if (withFace.length == 0) {
            throw new Face3dException("no face was found in any frame of " + file + ": give a clip where the face is "
                + "visible and at least 40 pixels wide");
        }
        // Rest: a first reference from frames spread over the clip, then every frame's activity against it.
        int[] sample = spread(withFace, config.sampleFrames());
        JointFitResult first = joint(fitConfig, lm, sample);
        int provisional = 0;
        for (int k = 1; k < sample.length; k++) {
            if (l1(first.images().get(k).expression()) < l1(first.images().get(provisional).expression())) {
                provisional = k;
            }
        }
        RestReferencedRefit.Reference r0 = refit.reference(first.identity(), first.images().get(provisional),
            lm.detected.get(sample[provisional]));
        List<float[]> provisionalLandmarks = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            double[] d = lm.detected.get(t);
            provisionalLandmarks.add(d == null ? null
                : r0.follow(first.images().get(provisional).pose(), d).landmarks3d());
        }
        double[] activity = ClipAnalysis.activity(provisionalLandmarks);
        int rest = ClipAnalysis.restFrame(activity);
        int[] restLike = Arrays.stream(withFace).boxed().sorted(Comparator.comparingDouble(t -> activity[t]))
            .limit(config.restLikeFrames()).mapToInt(Integer::intValue).toArray();
        if (Arrays.stream(restLike).noneMatch(t -> t == rest)) {
            restLike[restLike.length - 1] = rest;
        }
        Arrays.sort(restLike);
        JointFitResult identityFit = joint(fitConfig, lm, restLike);
        FitResult restFit = identityFit.images().get(Arrays.binarySearch(restLike, rest));
        long t2 = System.nanoTime();

        Followed followed = follow(file, lm, rest, listener);
        long t3 = System.nanoTime();

        double iod = iod(lm.detected.get(rest));
        double[][] smoothed = smooth(followed.points, iod, lm.frameRate);
        RestReferencedRefit.Reference ref = refit.reference(identityFit.identity(), restFit, smoothed[rest]);
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        List<Frame> frames = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            long c = bean.getCurrentThreadCpuTime();
            RestReferencedRefit.Posture p = smoothed[t] == null ? null
                : t == rest ? ref.rest() : ref.follow(restFit.pose(), smoothed[t]);
            double cpu = lm.cpuMs[t] + followed.cpuMs[t] + (bean.getCurrentThreadCpuTime() - c) / 1e6;
            frames.add(new Frame(t, t / lm.frameRate, lm.detection[t], lm.detected.get(t), smoothed[t], p,
                followed.eyes[t], cpu));
        }
        // Rest again, on the followed landmarks: the detector's own points, which the first choice had to use, move
        // by several mm from frame to frame, and their least active frame was at times the peak of a movement (the
        // brow raise's on one of three development clips); the followed points move far less at rest. Measures are
        // absolute, so only the frame the changes are taken from moves; the points stay followed from the first one.
        List<float[]> followedLandmarks = new ArrayList<>();
        for (Frame f : frames) {
            followedLandmarks.add(f.hasFace() ? f.posture().landmarks3d() : null);
        }
        double[] followedActivity = ClipAnalysis.activity(followedLandmarks);
        int restAgain = ClipAnalysis.restFrame(followedActivity);
        long t4 = System.nanoTime();
        Map<String, Double> stages = new LinkedHashMap<>();
        stages.put("landmarks", (t1 - t0) / 1e6);
        stages.put("rest", (t2 - t1) / 1e6);
        stages.put("tracking", (t3 - t2) / 1e6);
        stages.put("fit", (t4 - t3) / 1e6);
        stages.put("total", (t4 - t0) / 1e6);
        return new Clip(file, lm.frameRate, lm.width, lm.height, frames, restAgain, rest, restLike,
            identityFit.identity(), restFit, lm.detections, stages, followedActivity);
    }

    /** Detected landmarks of every frame (null where no face), in order. */
    private record Landmarks(double frameRate, int width, int height, List<double[]> detected, boolean[] detection,
                             double[] cpuMs, int detections) {
    }

    private Landmarks landmarks(Path file, Listener listener) {
        LandmarkDetector detector = face3d.landmarkDetector(config.detector());
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        List<double[]> detected = new ArrayList<>();
        List<Boolean> full = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        int detections = 0;
        try (VideoReader in = VideoReader.open(file)) {
            int total = in.frameCountEstimate();
            FaceBox box = null;
            RgbImage image;
            while ((image = in.next()) != null) {
                long c = bean.getCurrentThreadCpuTime();
                FaceLandmarks face = null;
                if (box != null) {
                    face = detector.detectInBox(image, box);
                    if (face.score() < config.minPresence()) {
                        face = null;
                    }
                }
                boolean ran = face == null;
                if (face == null) {
                    detections++;
                    face = detector.detect(image).stream()
                        .max(Comparator.comparingDouble(f -> f.box().width() * f.box().height())).orElse(null);
                }
                box = face == null ? null : boxOf(face);
                detected.add(face == null ? null : face.points());
                full.add(ran);
                cpu.add((bean.getCurrentThreadCpuTime() - c) / 1e6);
                listener.frames("landmarks", detected.size(), total);
            }
            boolean[] f = new boolean[full.size()];
            for (int i = 0; i < f.length; i++) {
                f[i] = full.get(i);
            }
            if (detected.isEmpty()) {
                throw new Face3dException(file + " has no frames: give a clip with at least one picture");
            }
            return new Landmarks(in.frameRate(), in.width(), in.height(), detected, f,
                cpu.stream().mapToDouble(Double::doubleValue).toArray(), detections);
        }
    }

    /**
     * The next frame's box from this one's face: the mesh's bounds with its eye corners as the keypoints that level
     * the crop (MediaPipe's face_landmarks_to_roi), or the 68 points' when the detector gives no mesh.
     */
    static FaceBox boxOf(FaceLandmarks face) {
        double[] d = face.dense();
        if (d != null) {
            Box2 b = Box2.of(d, 3);
            return new FaceBox(b.minX(), b.minY(), b.width(), b.height(), face.score(), new double[] {
                d[3 * RIGHT_EYE_MESH], d[3 * RIGHT_EYE_MESH + 1], d[3 * LEFT_EYE_MESH], d[3 * LEFT_EYE_MESH + 1]});
        }
        double[] p = face.points();
        Box2 b = Box2.of(p, 2);
        return new FaceBox(b.minX(), b.minY(), b.width(), b.height(), face.score(),
            new double[] {p[2 * 36], p[2 * 36 + 1], p[2 * 45], p[2 * 45 + 1]});
    }

    private JointFitResult joint(FitConfig fitConfig, Landmarks lm, int[] frames) {
        List<LandmarkObservation> obs = new ArrayList<>();
        for (int t : frames) {
            obs.add(new LandmarkObservation(lm.detected.get(t), null, null, lm.width, lm.height));
        }
        return Aggregation.JOINT.aggregate(face3d.model(), fitConfig, face3d.landmarkFitter(fitConfig), obs);
    }

    /** Followed points and eye openness per frame. */
    private record Followed(double[][] points, double[][] eyes, double[] cpuMs) {
    }

    private Followed follow(Path file, Landmarks lm, int rest, Listener listener) {
        int n = lm.detected.size();
        double[][] points = new double[n][];
        double[][] eyes = new double[n][];
        double[] cpu = new double[n];
        double[] restPoints = lm.detected.get(rest);
        RgbImage restImage = VideoReader.frames(file, new int[] {rest}).get(rest);
        ExecutorService pool = Executors.newFixedThreadPool(config.threads(), r -> {
            Thread t = new Thread(r, "face3d-clip");
            t.setDaemon(true);
            return t;
        });
        Semaphore inFlight = new Semaphore(2 * config.threads());
        List<Future<?>> jobs = new ArrayList<>();
        int[] done = {0};
        try (VideoReader in = VideoReader.open(file)) {
            RgbImage image;
            int t = 0;
            while ((image = in.next()) != null && t < n) {
                double[] detected = lm.detected.get(t);
                if (detected != null) {
                    inFlight.acquireUninterruptibly();
                    final int frame = t;
                    final RgbImage img = image;
                    jobs.add(pool.submit(() -> {
                        try {
                            long c = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                            double[] p = frame == rest ? restPoints.clone()
                                : RestPointTracker.track(restImage, restPoints, img, detected);
                            points[frame] = p;
                            eyes[frame] = eyeOpenness(img, EyeOpenness.restRegions(restPoints, p));
                            cpu[frame] = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - c) / 1e6;
                        } finally {
                            inFlight.release();
                            synchronized (done) {
                                listener.frames("tracking", ++done[0], n);
                            }
                        }
                    }));
                }
                t++;
            }
            for (Future<?> j : jobs) {
                j.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Face3dException("interrupted while tracking the face through " + file);
        } finally {
            pool.shutdownNow();
        }
        return new Followed(points, eyes, cpu);
    }

    private static double[] eyeOpenness(RgbImage img, double[] points) {
        try {
            return EyeOpenness.measure(img.rgb(), img.width(), img.height(), points);
        } catch (Face3dException e) {
            return null; // the cheeks are outside the frame: this frame's eyes are not read
        }
    }

    /**
     * One Euro forward, then backward over the forward output, in IOD units; a run of frames with a face is
     * filtered on its own (the filter restarts after a frame without one).
     */
    private double[][] smooth(double[][] points, double iod, double rate) {
        int n = points.length;
        double[][] out = new double[n][];
        for (int t = 0; t < n; t++) {
            out[t] = points[t] == null ? null : scaled(points[t], 1 / iod);
        }
        for (int pass = 0; pass < 2; pass++) {
            OneEuroFilter.State s = config.smoothing().start(136, rate);
            for (int k = 0; k < n; k++) {
                int t = pass == 0 ? k : n - 1 - k;
                if (out[t] == null) {
                    s.reset();
                } else {
                    s.filter(out[t]);
                }
            }
        }
        for (int t = 0; t < n; t++) {
            out[t] = out[t] == null ? null : scaled(out[t], iod);
        }
        return out;
    }

    private static double[] scaled(double[] p, double k) {
        double[] o = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            o[i] = p[i] * k;
        }
        return o;
    }

    private static double iod(double[] p) {
        return Math.max(1, Math.hypot(p[2 * 45] - p[2 * 36], p[2 * 45 + 1] - p[2 * 36 + 1]));
    }

    private static double l1(double[] w) {
        double s = 0;
        for (double v : w) {
            s += Math.abs(v);
        }
        return s;
    }

    /** Up to k indices spread evenly over the given ones. */
    static int[] spread(int[] of, int k) {
        if (of.length <= k) {
            return of.clone();
        }
        if (k == 1) {
            return new int[] {of[of.length / 2]};
        }
        int[] out = new int[k];
        for (int i = 0; i < k; i++) {
            out[i] = of[(int) Math.round(i * (of.length - 1) / (double) (k - 1))];
        }
        return out;
    }
}
