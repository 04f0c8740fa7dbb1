package io.phyllome.host.profiles.data;

import java.util.List;

/**
 * A {@code profile.json} that cannot become a profile: not JSON, not valid against the published
 * schema, or inconsistent. Its text is what the registry and {@code profile:install} report, so it
 * prints as its message alone.
 */
final class InvalidProfileJson extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    InvalidProfileJson(String where, List<String> problems) {
        super(where + " is not a valid profile: " + String.join("; ", problems)
                + " (docs/api/v1/profile.schema.json is its schema; docs/profiles-as-data.md explains it)");
        this.problems = List.copyOf(problems);
    }

    /** Each problem, e.g. the schema's message for one place in the file. */
    List<String> problems() {
        return problems;
    }

    @Override
    public String toString() {
        return getMessage();
    }
}
