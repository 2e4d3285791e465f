package io.repurpose.linkpred;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

/** ROC and precision–recall curves as PNG (java.awt, headless). */
final class Plots {
    private static final Color[] COLORS = {Color.GRAY, new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
            new Color(0xd62728), new Color(0x9467bd)};

    private Plots() {
    }

    /** One curve per model: points in [0,1]², a legend label. */
    record Curve(String label, double[][] points) {
    }

    static void write(Path file, String title, String xLabel, String yLabel, List<Curve> curves, boolean diagonal)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        int w = 720;
        int h = 600;
        int left = 70;
        int right = 20;
        int top = 40;
        int bottom = 60;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        int pw = w - left - right;
        int ph = h - top - bottom;
        g.setColor(new Color(0xeeeeee));
        for (int i = 0; i <= 10; i++) {
            int x = left + pw * i / 10;
            int y = top + ph * i / 10;
            g.drawLine(x, top, x, top + ph);
            g.drawLine(left, y, left + pw, y);
        }
        g.setColor(Color.BLACK);
        g.drawRect(left, top, pw, ph);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int i = 0; i <= 10; i += 2) {
            String s = String.format("%.1f", i / 10.0);
            g.drawString(s, left + pw * i / 10 - 8, top + ph + 16);
            g.drawString(s, left - 30, top + ph - ph * i / 10 + 4);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, left, top - 14);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString(xLabel, left + pw / 2 - 40, h - 20);
        g.rotate(-Math.PI / 2);
        g.drawString(yLabel, -(top + ph / 2 + 40), 20);
        g.rotate(Math.PI / 2);
        if (diagonal) {
            g.setColor(Color.LIGHT_GRAY);
            g.drawLine(left, top + ph, left + pw, top);
        }
        g.setStroke(new BasicStroke(2f));
        int li = 0;
        for (Curve c : curves) {
            g.setColor(COLORS[li % COLORS.length]);
            double[][] p = c.points();
            int step = Math.max(1, p.length / 4000);
            int px = -1;
            int py = -1;
            for (int i = 0; i < p.length; i += step) {
                int x = left + (int) Math.round(p[i][0] * pw);
                int y = top + ph - (int) Math.round(p[i][1] * ph);
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                px = x;
                py = y;
            }
            g.fillRect(left + pw - 300, top + 12 + 18 * li, 14, 4);
            g.drawString(c.label(), left + pw - 280, top + 18 + 18 * li);
            li++;
        }
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    static double[][] concat(List<double[]> parts) {
        int n = parts.stream().mapToInt(a -> a.length).sum();
        double[][] out = new double[1][n];
        int i = 0;
        for (double[] a : parts) {
            System.arraycopy(a, 0, out[0], i, a.length);
            i += a.length;
        }
        return out;
    }

    static boolean[] concatLabels(List<boolean[]> parts) {
        int n = parts.stream().mapToInt(a -> a.length).sum();
        boolean[] out = new boolean[n];
        int i = 0;
        for (boolean[] a : parts) {
            System.arraycopy(a, 0, out, i, a.length);
            i += a.length;
        }
        return out;
    }

}
