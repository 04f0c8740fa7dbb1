package io.phyllome.host.rest.http;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem document ({@code application/problem+json}): {@code detail} is the message
 * the shell prints for the same mistake; {@code problems} lists each one when validation found several;
 * {@code invalid} names the request's field of each problem that is about one ({@link FieldPointer}).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<String> problems, List<Invalid> invalid) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** A problem with one field of the request: a JSON pointer into its body and the message for it. */
    public record Invalid(String pointer, String detail) {
    }

    private static final Map<Integer, String> TITLES = Map.ofEntries(Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"),
            Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(409, "Conflict"),
            Map.entry(413, "Content Too Large"), Map.entry(415, "Unsupported Media Type"), Map.entry(429, "Too Many Requests"),
            Map.entry(500, "Internal Server Error"), Map.entry(503, "Service Unavailable"));

    public static Problem of(int status, String detail, List<String> problems) {
        List<String> each = problems == null ? List.of() : problems;
        List<Invalid> invalid = status == 400 || status == 409
                ? (each.isEmpty() ? List.of(detail) : each).stream().flatMap(p -> FieldPointer.of(p).map(f -> new Invalid(f, p)).stream()).toList()
                : List.of();
        return new Problem("about:blank", TITLES.getOrDefault(status, "Error"), status, detail, each, invalid);
    }

    public static Problem of(int status, String detail) {
        return of(status, detail, List.of());
    }
}
