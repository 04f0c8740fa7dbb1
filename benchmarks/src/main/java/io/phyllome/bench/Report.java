package io.phyllome.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The results as a plain-text table for the terminal and as the Markdown of docs/benchmarks.md. */
final class Report {

    /** A titled group of rows. */
    record Section(String title, List<Row> rows, String failure) {
    }

    private Report() {
    }

    static String text(List<Section> sections) {
        StringBuilder out = new StringBuilder();
        String format = "%-4s %-62s %12s %12s %7s  %-7s %s%n";
        for (Section section : sections) {
            out.append('\n').append(section.title()).append('\n');
            if (section.failure() != null) {
                out.append("  FAILED: ").append(section.failure()).append('\n');
                continue;
            }
            out.append(String.format(format, "", "measurement", "platform", "baseline", "ratio", "target", "baseline is"));
            for (Row r : section.rows()) {
                out.append(String.format(format, r.id(), clip(plain(r.what()), 62), number(r.platform()) + " " + r.unit(),
                        Double.isNaN(r.baseline()) ? "" : number(r.baseline()) + " " + r.unit(), ratio(r), r.verdict(), plain(r.baseLabel())));
            }
        }
        return out.toString();
    }

    static String markdown(List<Section> sections, Map<String, String> machine, String date, String loadBefore, String loadAfter, String sizes,
            String notes) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append("Written by `./bench` (the `benchmarks/` module); do not edit by hand: run `./bench` again. ")
                .append("The figures come from one run on one machine, the platform and the tools a user would run instead side by side. ")
                .append("These machines are shared and noisy, so compare the ratios, not the absolute times.\n\n");
        md.append("| | |\n|---|---|\n");
        md.append("| date | ").append(date).append(" |\n");
        machine.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v.replace("|", "\\|")).append(" |\n"));
        md.append("| load average (1, 5, 15 min) | ").append(loadBefore).append(" before, ").append(loadAfter).append(" after |\n");
        md.append("| run size | ").append(sizes).append(" |\n\n");

        md.append("## Targets\n\n");
        for (Section section : sections) {
            for (Row r : section.rows()) {
                if (r.met() != null) {
                    md.append("- **").append(r.id()).append("** ").append(r.what()).append(": ").append(number(r.platform())).append(' ').append(r.unit())
                            .append(Double.isNaN(r.baseline()) ? "" : " vs " + number(r.baseline()) + " " + r.unit())
                            .append(" — target ").append(r.target()).append(": ").append(r.met() ? "met" : "**missed** " + shortfall(r)).append('\n');
                }
            }
        }
        md.append("\nThe reasons for each miss are under [Why targets are missed](#why-targets-are-missed).\n\n");
        for (Section section : sections) {
            md.append("## ").append(section.title()).append("\n\n");
            if (section.failure() != null) {
                md.append("**Not measured**: ").append(section.failure()).append("\n\n");
                continue;
            }
            md.append("| | measurement | Phyllome | baseline | ratio | target | |\n|---|---|--:|--:|--:|---|---|\n");
            for (Row r : section.rows()) {
                md.append("| ").append(r.id()).append(" | ").append(r.what()).append(note(r.note())).append(" | ")
                        .append(number(r.platform())).append(' ').append(r.unit()).append(" | ")
                        .append(Double.isNaN(r.baseline()) ? "" : number(r.baseline()) + " " + r.unit() + "<br>" + r.baseLabel()).append(" | ")
                        .append(ratio(r)).append(" | ").append(r.target()).append(" | ").append(r.met() == null ? "" : r.met() ? "met" : "**missed**")
                        .append(" |\n");
            }
            md.append('\n');
        }
        md.append('\n').append(notes);
        return md.toString();
    }

    /** By how much a target is missed, in the target's own terms. */
    static String shortfall(Row r) {
        if (r.target().startsWith("≤") && r.target().contains("×")) {
            return String.format(Locale.ROOT, "by %.1f× (%.2f× the baseline where %s× is allowed)", r.ratio() / ratioLimit(r.target()), r.ratio(),
                    number(ratioLimit(r.target())));
        }
        if (r.target().startsWith("≤ +")) {
            return String.format(Locale.ROOT, "by %.1f percentage points (%+.1f %%)", (r.ratio() - 1) * 100 - ratioLimit(r.target()), (r.ratio() - 1) * 100);
        }
        if (r.target().startsWith("≤")) {
            double limit = ratioLimit(r.target());
            return String.format(Locale.ROOT, "by %s %s (%+.0f %%)", number(r.platform() - limit), r.unit(), (r.platform() / limit - 1) * 100);
        }
        if (!Double.isNaN(r.ratio())) {
            return String.format(Locale.ROOT, "by %s %s (%.2f× the baseline)", number(r.platform() - r.baseline()), r.unit(), r.ratio());
        }
        return "";
    }

    private static double ratioLimit(String target) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]+(\\.[0-9]+)?)").matcher(target);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    private static String note(String note) {
        return note == null || note.isEmpty() ? "" : "<br><sub>" + note.replace("|", "\\|") + "</sub>";
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "—";
        }
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String ratio(Row r) {
        return Double.isNaN(r.ratio()) ? "" : String.format(Locale.ROOT, "%.2f×", r.ratio());
    }

    private static String plain(String markdown) {
        return markdown.replace("`", "");
    }

    private static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
