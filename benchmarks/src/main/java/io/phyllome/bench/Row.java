package io.phyllome.bench;

/**
 * One line of the results table: a measurement of the platform, the same measurement of what a
 * user would run instead (virsh, virt-install), and the target it must meet, if any.
 *
 * @param id          short, stable key, e.g. {@code S1}
 * @param what        what was measured
 * @param platform    the platform's figure
 * @param baseline    the baseline's figure, or {@code NaN} when there is none
 * @param baseLabel   what the baseline is, e.g. {@code virsh list --all}; empty when none
 * @param unit        unit of both figures, e.g. {@code s}, {@code ms}, {@code MiB}
 * @param target      the target in words, empty when the row only informs
 * @param met         whether the target is met; {@code null} when there is no target
 * @param note        how it was measured, or why a target is missed
 */
public record Row(String id, String what, double platform, double baseline, String baseLabel, String unit, String target, Boolean met,
        String note) {

    public static Row info(String id, String what, double platform, double baseline, String baseLabel, String unit, String note) {
        return new Row(id, what, platform, baseline, baseLabel, unit, "", null, note);
    }

    /** platform / baseline, or NaN. */
    public double ratio() {
        return Double.isNaN(baseline) || baseline == 0 ? Double.NaN : platform / baseline;
    }

    public Row withTarget(String target, boolean met) {
        return new Row(id, what, platform, baseline, baseLabel, unit, target, met, note);
    }

    public Row withNote(String note) {
        return new Row(id, what, platform, baseline, baseLabel, unit, target, met, note);
    }

    public String verdict() {
        return met == null ? "" : met ? "met" : "MISSED";
    }
}
