package io.face3d.vision.dlib;

import com.fasterxml.jackson.databind.JsonNode;
import io.face3d.core.image.RgbImage;

/**
 * Java cascade versus dlib's C++ output for the faces of one fixture entry: per face the mean distance to dlib's
 * unrounded points, the largest single-point distance, how many of our points round to dlib's integers, and the
 * mean distance of our unrounded points to those integers (what a comparison with dlib's public output sees).
 */
record ReferenceComparison(int faces, double meanOfMeans, double worstFaceMean, double worstPoint,
                           int roundedEqual, int points, String worstBox, double meanToIntegerParts) {

    static ReferenceComparison of(DlibShapePredictor predictor, RgbImage image, JsonNode entry) {
        int faces = 0, equal = 0, points = 0;
        double sumMeans = 0, worstMean = 0, worstPoint = 0, toParts = 0;
        String worstBox = "";
        for (JsonNode face : entry.get("faces")) {
            double[] p = predictor.predictPixelIndices(image, DlibTestSupport.box(face.get("box")));
            JsonNode exact = face.get("exact"), parts = face.get("parts");
            double sum = 0;
            for (int i = 0; i < exact.size(); i++) {
                double x = p[2 * i], y = p[2 * i + 1];
                double d = Math.hypot(x - exact.get(i).get(0).asDouble(), y - exact.get(i).get(1).asDouble());
                sum += d;
                worstPoint = Math.max(worstPoint, d);
                toParts += Math.hypot(x - parts.get(i).get(0).asDouble(), y - parts.get(i).get(1).asDouble());
                if (Math.floor(x + 0.5) == parts.get(i).get(0).asDouble()
                    && Math.floor(y + 0.5) == parts.get(i).get(1).asDouble()) {
                    equal++;
                }
                points++;
            }
            double mean = sum / exact.size();
            sumMeans += mean;
            if (mean >= worstMean) {
                worstMean = mean;
                worstBox = face.get("box").toString();
            }
            faces++;
        }
        return new ReferenceComparison(faces, faces == 0 ? 0 : sumMeans / faces, worstMean, worstPoint, equal, points,
            worstBox, points == 0 ? 0 : toParts / points);
    }
}
