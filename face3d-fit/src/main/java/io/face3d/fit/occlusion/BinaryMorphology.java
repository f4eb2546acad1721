package io.face3d.fit.occlusion;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

import java.nio.IntBuffer;

import static org.bytedeco.opencv.global.opencv_core.CV_32S;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_CLOSE;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_DILATE;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_ERODE;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_OPEN;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_RECT;
import static org.bytedeco.opencv.global.opencv_imgproc.connectedComponents;
import static org.bytedeco.opencv.global.opencv_imgproc.getStructuringElement;
import static org.bytedeco.opencv.global.opencv_imgproc.morphologyEx;

/**
 * Binary morphology on row-major masks with a square structuring element of side 2r + 1, and 4-connected component
 * labelling, by OpenCV ({@code morphologyEx}, {@code connectedComponents}). OpenCV's default border makes the
 * outside of the image count as set for erosion and as unset for dilation.
 */
final class BinaryMorphology {
    private BinaryMorphology() {
    }

    static boolean[] dilate(boolean[] m, int w, int h, int r) {
        return morphology(m, w, h, r, MORPH_DILATE);
    }

    static boolean[] erode(boolean[] m, int w, int h, int r) {
        return morphology(m, w, h, r, MORPH_ERODE);
    }

    static boolean[] open(boolean[] m, int w, int h, int r) {
        return morphology(m, w, h, r, MORPH_OPEN);
    }

    static boolean[] close(boolean[] m, int w, int h, int r) {
        return morphology(m, w, h, r, MORPH_CLOSE);
    }

    private static boolean[] morphology(boolean[] m, int w, int h, int r, int operation) {
        if (r <= 0) {
            return m.clone();
        }
        try (Mat src = toMat(m, w, h); Mat dst = new Mat();
             Mat square = getStructuringElement(MORPH_RECT, new Size(2 * r + 1, 2 * r + 1))) {
            morphologyEx(src, dst, operation, square);
            byte[] bytes = new byte[m.length];
            dst.data().get(bytes);
            boolean[] out = new boolean[m.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = bytes[i] != 0;
            }
            return out;
        }
    }

    /**
     * 4-connected component labels (1..n, 0 = background), numbered in the raster order of each component's first
     * pixel; returns the label image, n in {@code count[0]}.
     */
    static int[] label(boolean[] m, int w, int h, int[] count) {
        int[] labels = new int[m.length];
        try (Mat src = toMat(m, w, h); Mat out = new Mat()) {
            int n = connectedComponents(src, out, 4, CV_32S) - 1;
            IntBuffer buffer = out.createBuffer();
            buffer.get(labels);
            int[] order = new int[n + 1];
            int next = 0;
            for (int i = 0; i < labels.length; i++) {
                int l = labels[i];
                if (l != 0) {
                    if (order[l] == 0) {
                        order[l] = ++next;
                    }
                    labels[i] = order[l];
                }
            }
            count[0] = n;
        }
        return labels;
    }

    private static Mat toMat(boolean[] m, int w, int h) {
        if (m.length != w * h) {
            throw new IllegalArgumentException("mask of " + m.length + " pixels is not " + w + " x " + h);
        }
        byte[] bytes = new byte[m.length];
        for (int i = 0; i < m.length; i++) {
            bytes[i] = (byte) (m[i] ? 1 : 0);
        }
        Mat mat = new Mat(h, w, CV_8UC1);
        mat.data().put(bytes);
        return mat;
    }
}
