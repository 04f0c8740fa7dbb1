package io.phyllome.host.rest.http;

import io.phyllome.host.vm.InvalidSpecException;

/** A request the API refuses, with the HTTP status and the message the client sees as the problem's detail. */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public ApiException(int status, String detail) {
        super(detail);
        this.status = status;
    }

    /** An invalid spec answered with another status than 400 (e.g. 409 for a name taken), its problems and their fields kept. */
    public ApiException(int status, InvalidSpecException spec) {
        super(spec.getMessage(), spec);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** The problem document the client gets. */
    public Problem problem() {
        return getCause() instanceof InvalidSpecException spec ? Problem.of(status, spec) : Problem.of(status, getMessage());
    }
}
