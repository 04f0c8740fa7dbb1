package io.phyllome.host.shell.format;

/** Sizes as people read them. */
final class Sizes {

    private Sizes() {
    }

    /** {@code 1.5G}, {@code 200.0K}, {@code 512}: one decimal in the largest unit that fits. */
    static String human(long size) {
        double bytes = size;
        String[] units = { "", "K", "M", "G", "T" };
        int unit = 0;
        while (bytes >= 1024 && unit < units.length - 1) {
            bytes /= 1024;
            unit++;
        }
        return unit == 0 ? Long.toString(size) : String.format("%.1f%s", bytes, units[unit]);
    }
}
