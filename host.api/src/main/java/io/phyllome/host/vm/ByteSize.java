package io.phyllome.host.vm;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amount of memory or disk space in bytes, written by users as {@code 512M}, {@code 4G} or
 * {@code 1T} (binary units: 1K = 1024 bytes).
 */
public record ByteSize(long bytes) implements Comparable<ByteSize> {

    private static final Pattern SYNTAX = Pattern.compile("(\\d{1,15})\\s*(?:([KMGT])(?:I?B)?|B?)", Pattern.CASE_INSENSITIVE);
    private static final String UNITS = "KMGT";

    public ByteSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("a size cannot be negative: " + bytes);
        }
    }

    public static ByteSize ofMiB(long mib) {
        return new ByteSize(Math.multiplyExact(mib, 1L << 20));
    }

    public static ByteSize ofGiB(long gib) {
        return new ByteSize(Math.multiplyExact(gib, 1L << 30));
    }

    /**
     * Parses {@code 512M}, {@code 4G}, {@code 4GiB}, {@code 1024} (bytes).
     *
     * @throws IllegalArgumentException naming the accepted syntax when {@code text} is not a size
     */
    public static ByteSize parse(String text) {
        Matcher m = SYNTAX.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size: write a whole number with an optional unit K, M, G or T, e.g. 512M or 4G");
        }
        long value = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2).toUpperCase(Locale.ROOT);
        int shift = unit.isEmpty() ? 0 : 10 * (UNITS.indexOf(unit) + 1);
        if (shift > 0 && value > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
        return new ByteSize(value << shift);
    }

    public long mib() {
        return bytes >> 20;
    }

    @Override
    public int compareTo(ByteSize other) {
        return Long.compare(bytes, other.bytes);
    }

    /** The largest exact unit: {@code 4G}, {@code 1536M}, {@code 100}. */
    @Override
    public String toString() {
        long value = bytes;
        int unit = -1;
        while (value != 0 && value % 1024 == 0 && unit < UNITS.length() - 1) {
            value /= 1024;
            unit++;
        }
        return unit < 0 ? Long.toString(value) : value + String.valueOf(UNITS.charAt(unit));
    }
}
