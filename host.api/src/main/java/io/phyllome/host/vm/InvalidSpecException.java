package io.phyllome.host.vm;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A {@link VmSpec} that cannot be created as asked; nothing was created. Each problem names the
 * field of the spec it is about, so that a front end can show its message beside that field.
 */
public class InvalidSpecException extends VmException {

    private static final long serialVersionUID = 1L;

    /**
     * One problem with a spec.
     *
     * @param field   the {@link VmSpec} field it is about: {@code name}, {@code profile},
     *                {@code memory}, {@code cpus}, {@code disk}, {@code iso}, {@code kernel},
     *                {@code initrd}, {@code cmdline}, {@code network}, {@code options}, or
     *                {@code options/KEY} for one profile option ({@link #option(String)}); empty
     *                when it is about none
     * @param message what is wrong and how to fix it, as the user sees it
     */
    public record Problem(String field, String message) implements java.io.Serializable {

        public Problem {
            field = field == null ? "" : field;
            Objects.requireNonNull(message, "message");
        }

        /** The field of the profile option {@code key}: {@code options/KEY}. */
        public static String option(String key) {
            return "options/" + key;
        }
    }

    private final List<Problem> problems;

    /** Problems that name no field. */
    public InvalidSpecException(List<String> problems) {
        this(problems.stream().map(message -> new Problem("", message)).toArray(Problem[]::new));
    }

    private InvalidSpecException(Problem[] problems) {
        super(String.join("; ", Arrays.stream(problems).map(Problem::message).toList()));
        this.problems = List.of(problems);
    }

    /** Each problem with its field, in the order they were found. */
    public static InvalidSpecException of(Collection<Problem> problems) {
        // a factory, as a constructor taking them would clash with the one taking messages
        return new InvalidSpecException(problems.toArray(Problem[]::new));
    }

    /** Each problem's message on its own, in the order they were found. */
    public List<String> problems() {
        return problems.stream().map(Problem::message).toList();
    }

    /** Each problem with the field it is about, in the order they were found. */
    public List<Problem> problemsWithFields() {
        return problems;
    }
}
