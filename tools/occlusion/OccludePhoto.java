import io.face3d.api.Face3d;
import io.face3d.core.image.Images;
import io.face3d.core.image.RgbImage;
import io.face3d.fit.occlusion.PhotoOccluder;
import io.face3d.vision.FaceLandmarks;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;

/**
 * Draws a photographic-looking occluder ({@link PhotoOccluder}: sunglasses or a hand) onto the largest face of a
 * photo, placed by the MediaPipe landmarks, for the occlusion demo of README.md:
 * {@code java -cp face3d-cli/target/face3d.jar tools/occlusion/OccludePhoto.java IN.png sunglasses|hand OUT.png}.
 * Writes OUT.png and OUT_truth.png (the occluder's pixels in white).
 */
public class OccludePhoto {
    public static void main(String[] a) {
        RgbImage photo = Images.read(Path.of(a[0]));
        PhotoOccluder.Kind kind = PhotoOccluder.Kind.valueOf(a[1].toUpperCase(Locale.ROOT));
        FaceLandmarks face = Face3d.create(Face3d.Config.defaults()).landmarkDetector("mediapipe").detect(photo).stream()
            .max(Comparator.comparingDouble(f -> f.box().width() * f.box().height()))
            .orElseThrow(() -> new IllegalStateException("no face in " + a[0]));
        PhotoOccluder.Drawn d = PhotoOccluder.draw(photo, face.points(), kind);
        Path out = Path.of(a[2]);
        Images.writePng(d.image(), out);
        byte[] truth = new byte[3 * d.occluder().length];
        for (int i = 0; i < d.occluder().length; i++) {
            java.util.Arrays.fill(truth, 3 * i, 3 * i + 3, d.occluder()[i] ? (byte) 255 : 0);
        }
        String name = out.getFileName().toString().replaceFirst("\\.png$", "");
        Images.writePng(new RgbImage(photo.width(), photo.height(), truth), out.resolveSibling(name + "_truth.png"));
    }
}
