package io.repurpose.graph;

import java.io.PrintStream;
import java.util.Locale;

/** Rate and ETA on the terminal for long loads, at most one line every two seconds. */
final class Progress {
    private final PrintStream out;
    private final String what;
    private final long total;
    private final long t0 = System.nanoTime();
    private long lastPrint = t0;
    private long done;

    Progress(PrintStream out, String what, long total) {
        this.out = out;
        this.what = what;
        this.total = total;
    }

    void add(long n) {
        done += n;
        long now = System.nanoTime();
        if (out != null && (now - lastPrint > 2_000_000_000L || done == total)) {
            lastPrint = now;
            double secs = Math.max(1e-9, (now - t0) / 1e9);
            double rate = done / secs;
            double eta = rate > 0 ? (total - done) / rate : 0;
            out.printf(Locale.ROOT, "  %s %,d/%,d (%.0f%%) %,.0f/s ETA %.0fs%n",
                    what, done, total, 100.0 * done / Math.max(1, total), rate, eta);
        }
    }

    double seconds() {
        return (System.nanoTime() - t0) / 1e9;
    }
}
