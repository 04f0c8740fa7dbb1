package io.phyllome.host.rest.http;

/** A request the API refuses, with the HTTP status and the message the client sees as the problem's detail. */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public ApiException(int status, String detail) {
        super(detail);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
