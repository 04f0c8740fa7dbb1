package io.phyllome.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Small statistics over samples: these machines are noisy, so medians rather than means. */
public final class Stats {

    private Stats() {
    }

    public static double median(List<? extends Number> samples) {
        if (samples.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>();
        samples.forEach(n -> sorted.add(n.doubleValue()));
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The {@code p}-th percentile (0..100) of {@code samples}, nearest rank. */
    public static double percentile(List<? extends Number> samples, double p) {
        List<Double> sorted = new ArrayList<>();
        samples.forEach(n -> sorted.add(n.doubleValue()));
        Collections.sort(sorted);
        return sorted.get(Math.max(0, (int) Math.ceil(p / 100 * sorted.size()) - 1));
    }

    public static double min(List<? extends Number> samples) {
        return samples.stream().mapToDouble(Number::doubleValue).min().orElse(Double.NaN);
    }

    public static double max(List<? extends Number> samples) {
        return samples.stream().mapToDouble(Number::doubleValue).max().orElse(Double.NaN);
    }

    public static double sum(List<? extends Number> samples) {
        return samples.stream().mapToDouble(Number::doubleValue).sum();
    }

    /** The least-squares slope of {@code ys} over {@code xs}. */
    public static double slope(List<? extends Number> xs, List<? extends Number> ys) {
        int n = xs.size();
        double mx = sum(xs) / n, my = sum(ys) / n, num = 0, den = 0;
        for (int i = 0; i < n; i++) {
            double dx = xs.get(i).doubleValue() - mx;
            num += dx * (ys.get(i).doubleValue() - my);
            den += dx * dx;
        }
        return den == 0 ? Double.NaN : num / den;
    }

    /** Nanoseconds to milliseconds. */
    public static double ms(long nanos) {
        return nanos / 1e6;
    }
}
