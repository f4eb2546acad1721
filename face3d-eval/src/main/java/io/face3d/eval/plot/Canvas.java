package io.face3d.eval.plot;


import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

/** A white RGB image with antialiased Java2D drawing, and PNG writing through a temporary file. */
final class Canvas {
    final BufferedImage image;
    final Graphics2D g;

    Canvas(int width, int height) {
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    }

    void text(String s, double x, double y, double alignX, double alignY) {
        FontMetrics fm = g.getFontMetrics();
        g.drawString(s, (float) (x - alignX * fm.stringWidth(s)), (float) (y + fm.getAscent() * (1 - alignY) - 1));
    }

    void verticalText(String s, double x, double y) {
        Graphics2D r = (Graphics2D) g.create();
        r.translate(x, y);
        r.rotate(-Math.PI / 2);
        FontMetrics fm = r.getFontMetrics();
        r.drawString(s, -fm.stringWidth(s) / 2f, 0);
        r.dispose();
    }

    static void writePng(BufferedImage image, Path file) {
        io.face3d.core.io.AtomicFiles.writePng(image, file);
    }
}
