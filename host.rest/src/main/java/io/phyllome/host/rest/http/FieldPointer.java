package io.phyllome.host.rest.http;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which field of a request a validation message is about, as a JSON pointer into the body of
 * {@code POST /vms} (e.g. {@code /memory}, {@code /options/tpm}), so that a form shows the shell's
 * message beside its field. Read from the message itself: the shell's messages name the option to
 * change ({@code --memory}) or lead with the field ({@code memory: ...}).
 */
public final class FieldPointer {

    private static final Pattern OPTION = Pattern.compile("--(memory|cpus|disk|iso|kernel|initrd|cmdline|network|name|profile)\\b");
    private static final Pattern LEADING = Pattern.compile("^\"?(name|profile|memory|cpus|disk|iso|kernel|initrd|cmdline|network|options)\"?[: ]");
    private static final Pattern NO_OPTION = Pattern.compile("has no option '([^']+)'");
    private static final List<String[]> PHRASES = List.of(new String[] { "kernel command line", "cmdline" },
            new String[] { "VM name", "name" }, new String[] { "needs a name", "name" }, new String[] { "a VM named", "name" },
            new String[] { "unknown profile", "profile" }, new String[] { "install medium", "iso" }, new String[] { "CPUs", "cpus" });

    private FieldPointer() {
    }

    /** The pointer of the field {@code message} is about, if it names one. */
    public static Optional<String> of(String message) {
        if (message == null) {
            return Optional.empty();
        }
        Matcher option = NO_OPTION.matcher(message);
        if (option.find()) {
            return Optional.of("/options/" + option.group(1).replace("~", "~0").replace("/", "~1"));
        }
        Matcher named = OPTION.matcher(message);
        if (named.find()) {
            return Optional.of("/" + named.group(1));
        }
        Matcher leading = LEADING.matcher(message);
        if (leading.find()) {
            return Optional.of("/" + leading.group(1));
        }
        return PHRASES.stream().filter(p -> message.contains(p[0])).findFirst().map(p -> "/" + p[1]);
    }
}
