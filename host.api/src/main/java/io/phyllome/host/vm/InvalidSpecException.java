package io.phyllome.host.vm;

import java.util.List;

/** A {@link VmSpec} that cannot be created as asked; nothing was created. */
public class InvalidSpecException extends VmException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public InvalidSpecException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem on its own, in the order they were found. */
    public List<String> problems() {
        return problems;
    }
}
