package io.phyllome.host.shell.format;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** How a listing or report command writes its output: {@code --format table} (the default) or {@code --format json}. */
public enum Format {
    TABLE, JSON;

    /** The option every listing and report command takes. */
    public static final String OPTION = "--format";
    public static final String DEFAULT = "table";
    /** What completion offers after {@link #OPTION}. */
    public static final List<String> NAMES = Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).toList();
    public static final String HELP = "output format: table (default) or json (see docs/api for its schema)";

    /**
     * The format a user named; an unknown one is an error that names the choices. It is read
     * before a command does anything, so that {@code disk:orphans --clean --format yaml} cleans nothing.
     */
    public static Format of(String name) {
        for (Format f : values()) {
            if (f.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown output format '" + name + "': give " + OPTION + " "
                + String.join(" or ", NAMES));
    }
}
