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
        Frame fr = Frame.of(720, 600);
        Graphics2D g = fr.g();
        int left = Frame.LEFT;
        int top = Frame.TOP;
        int pw = fr.pw();
        int ph = fr.ph();
        g.setColor(new Color(0xeeeeee));
        for (int i = 0; i <= 10; i++) {
            int x = left + pw * i / 10;
            int y = top + ph * i / 10;
            g.drawLine(x, top, x, top + ph);
            g.drawLine(left, y, left + pw, y);
        }
        fr.axes(title, xLabel, yLabel, i -> String.format(java.util.Locale.ROOT, "%.1f", i / 10.0),
                i -> String.format(java.util.Locale.ROOT, "%.1f", i / 10.0));
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
        fr.write(file);
    }

    /**
     * Histogram of scores, positives against negatives, each as the share of its own class per bin (the
     * classes differ in size by orders of magnitude), drawn as two translucent step areas.
     */
    static void histogram(Path file, String title, String xLabel, double[] scores, boolean[] labels, int bins)
            throws IOException {
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (double s : scores) {
            lo = Math.min(lo, s);
            hi = Math.max(hi, s);
        }
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        double[][] share = new double[2][bins];
        int[] n = new int[2];
        for (int i = 0; i < scores.length; i++) {
            int b = Math.min(bins - 1, (int) ((scores[i] - lo) / (hi - lo) * bins));
            int c = labels[i] ? 1 : 0;
            share[c][b]++;
            n[c]++;
        }
        double max = 0;
        for (int c = 0; c < 2; c++) {
            for (int b = 0; b < bins; b++) {
                share[c][b] /= Math.max(1, n[c]);
                max = Math.max(max, share[c][b]);
            }
        }
        Frame fr = Frame.of(720, 500);
        Graphics2D g = fr.g();
        int left = Frame.LEFT;
        int top = Frame.TOP;
        int pw = fr.pw();
        int ph = fr.ph();
        Color[] colors = {new Color(31, 119, 180, 120), new Color(214, 39, 40, 140)};
        for (int c = 0; c < 2; c++) {
            g.setColor(colors[c]);
            for (int b = 0; b < bins; b++) {
                int x0 = left + pw * b / bins;
                int x1 = left + pw * (b + 1) / bins;
                int bh = (int) Math.round(share[c][b] / max * ph);
                g.fillRect(x0, top + ph - bh, Math.max(1, x1 - x0), bh);
            }
        }
        double low = lo;
        double high = hi;
        double top10 = max;
        fr.axes(title, xLabel, "share of class per bin",
                i -> String.format(java.util.Locale.ROOT, "%.1f", low + (high - low) * i / 10),
                i -> String.format(java.util.Locale.ROOT, "%.2f", top10 * i / 10));
        String[] legend = {"negatives (" + n[0] + ")", "held-out treatments (" + n[1] + ")"};
        for (int c = 0; c < 2; c++) {
            g.setColor(colors[c]);
            g.fillRect(left + 12, top + 12 + 18 * c, 14, 10);
            g.setColor(Color.BLACK);
            g.drawString(legend[c], left + 32, top + 22 + 18 * c);
        }
        fr.write(file);
    }

    /** A white RGB image (headless AWT) with antialiased graphics, its size and the plot area's size. */
    private record Frame(BufferedImage img, Graphics2D g, int w, int h, int pw, int ph) {
        static final int LEFT = 70;
        static final int TOP = 40;

        static Frame of(int w, int h) {
            System.setProperty("java.awt.headless", "true");
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            return new Frame(img, g, w, h, w - LEFT - 20, h - TOP - 60);
        }

        /**
         * The plot area's border, tick labels at tenths 0, 2, …, 10 of each axis ({@code xTick}, {@code yTick}
         * give the text for tenth i), the title and both axis labels; leaves the colour black.
         */
        void axes(String title, String xLabel, String yLabel, java.util.function.IntFunction<String> xTick,
                  java.util.function.IntFunction<String> yTick) {
            g.setColor(Color.BLACK);
            g.drawRect(LEFT, TOP, pw, ph);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            for (int i = 0; i <= 10; i += 2) {
                g.drawString(xTick.apply(i), LEFT + pw * i / 10 - 9, TOP + ph + 16);
                g.drawString(yTick.apply(i), LEFT - 38, TOP + ph - ph * i / 10 + 4);
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString(title, LEFT, TOP - 14);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.drawString(xLabel, LEFT + pw / 2 - 50, h - 20);
            g.rotate(-Math.PI / 2);
            g.drawString(yLabel, -(TOP + ph / 2 + 50), 19);
            g.rotate(Math.PI / 2);
        }

        void write(Path file) throws IOException {
            g.dispose();
            ImageIO.write(img, "png", file.toFile());
        }
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
