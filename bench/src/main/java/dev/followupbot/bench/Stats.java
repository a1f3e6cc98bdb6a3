package dev.followupbot.bench;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;

/** Percentiles of a set of measurements (nearest-rank). */
record Stats(long count, double p50, double p99, double max) {

  static Stats of(Collection<? extends Number> values) {
    double[] v = values.stream().mapToDouble(Number::doubleValue).toArray();
    Arrays.sort(v);
    if (v.length == 0) {
      return new Stats(0, Double.NaN, Double.NaN, Double.NaN);
    }
    return new Stats(v.length, rank(v, 0.50), rank(v, 0.99), v[v.length - 1]);
  }

  private static double rank(double[] sorted, double p) {
    int i = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  static String ms(double millis) {
    if (Double.isNaN(millis)) {
      return "n/a";
    }
    return millis >= 100
        ? String.format(Locale.ROOT, "%.0f ms", millis)
        : String.format(Locale.ROOT, "%.1f ms", millis);
  }

  static String ratio(double ours, double baseline) {
    if (Double.isNaN(ours) || Double.isNaN(baseline) || baseline == 0) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.2f×", ours / baseline);
  }

  static String rate(double perSecond) {
    return Double.isNaN(perSecond) ? "n/a" : String.format(Locale.ROOT, "%.0f/s", perSecond);
  }
}
