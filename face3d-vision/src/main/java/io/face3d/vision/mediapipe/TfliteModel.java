package io.face3d.vision.mediapipe;

import io.face3d.core.Face3dException;
import io.face3d.core.assets.ModelAssets;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_dnn.Net;
import org.bytedeco.opencv.opencv_core.StringVector;

import java.nio.file.Path;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_dnn.readNetFromTFLite;

/**
 * A .tflite model run by OpenCV's DNN module (it imports TFLite flatbuffers directly, float16 weights included).
 * An OpenCV {@code Net} keeps per-run state and is not thread-safe, so each thread gets its own copy through a
 * {@link ThreadLocal} (a few MB each); this makes {@link #run} safe to call from any number of threads without
 * locking, which suits parallelism across images and faces.
 * <p>
 * OpenCV's own thread pool is set to one thread (the calling thread) before the first network loads: parallelism
 * comes from running images on separate threads, one per core ({@code reconstruct DIR}), and a second pool inside
 * each forward pass oversubscribes the cores. Measured on the 2-core machine ({@code face3d bench mediapipe}):
 * detection + FaceMesh 14.4 ms with one OpenCV thread against 37 ms with OpenCV's default pool of 2, even for a
 * single photo, because these networks are too small for OpenCV's per-layer fork/join to pay
 * (docs/decisions/speed-profile.md).
 */
final class TfliteModel {
    static {
        org.bytedeco.opencv.global.opencv_core.setNumThreads(1);
    }

    private final Path path;
    private final int inputSize;
    private final ThreadLocal<Loaded> nets;

    /** A thread's network with its reusable input blob, input pointer and output vector. */
    private record Loaded(Net net, StringVector outputs, Mat input, FloatPointer inputData, MatVector results) {
    }

    TfliteModel(Path path, int inputSize) {
        this.path = ModelAssets.require(path);
        this.inputSize = inputSize;
        this.nets = ThreadLocal.withInitial(this::load);
        nets.get(); // fail now, on the caller's thread, if the file does not load
    }

    private Loaded load() {
        Net net;
        try {
            net = readNetFromTFLite(path.toString());
        } catch (RuntimeException e) {
            throw new Face3dException("cannot load model " + path + " (" + e.getMessage()
                + "): the file is damaged, delete it and run ./face3d setup");
        }
        if (net.empty()) {
            throw new Face3dException("cannot load model " + path + ": delete it and run ./face3d setup");
        }
        Mat input = new Mat(new int[]{1, 3, inputSize, inputSize}, CV_32F);
        return new Loaded(net, net.getUnconnectedOutLayersNames(), input, new FloatPointer(input.data()),
            new MatVector());
    }

    int inputSize() {
        return inputSize;
    }

    /** Runs the model on an NCHW input of 3 x S x S floats; returns every output, flattened, in graph order. */
    float[][] run(float[] input) {
        Loaded l = nets.get();
        l.inputData.put(input, 0, input.length);
        l.net.setInput(l.input);
        MatVector outs = l.results;
        l.net.forward(outs, l.outputs);
        float[][] result = new float[(int) outs.size()][];
        for (int i = 0; i < result.length; i++) {
            Mat m = outs.get(i);
            if (!m.isContinuous() || m.depth() != CV_32F) {
                throw new IllegalStateException("output " + i + " of " + path + " is not a dense float tensor");
            }
            float[] a = new float[(int) m.total()];
            new FloatPointer(m.data()).get(a);
            result[i] = a;
        }
        return result;
    }
}
