package io.phyllome.host.profile;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a profile is for, shown by {@code profile:list} and {@code profile:show}.
 *
 * @param id          the id users type, e.g. {@code linux} or {@code windows-11}
 * @param displayName a human name
 * @param family      the operating-system family
 * @param osinfoIds   libosinfo ids of the guests it fits, most specific first; the first is written
 *                    into the VM's metadata so virt-manager and Cockpit recognise the OS
 * @param minimum     resources below which creation is refused
 * @param recommended resources used when the user gives none; below them is a warning
 */
public record ProfileDescriptor(String id, String displayName, OsFamily family, List<String> osinfoIds, Resources minimum,
        Resources recommended) {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    public ProfileDescriptor {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("profile id '" + id + "' must be lower-case words joined by '-'");
        }
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(family, "family");
        osinfoIds = List.copyOf(osinfoIds);
        Objects.requireNonNull(minimum, "minimum");
        Objects.requireNonNull(recommended, "recommended");
    }
}
