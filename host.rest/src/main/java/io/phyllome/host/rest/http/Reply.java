package io.phyllome.host.rest.http;

/** A result with a status other than 200, e.g. 201 with the created resource, or 204 with no body (null). */
public record Reply(int status, Object body) {

    public static Reply noContent() {
        return new Reply(204, null);
    }
}
