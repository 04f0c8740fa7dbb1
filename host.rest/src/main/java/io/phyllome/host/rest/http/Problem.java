package io.phyllome.host.rest.http;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem document ({@code application/problem+json}): {@code detail} is the message
 * the shell prints for the same mistake; {@code problems} lists each one when validation found several.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<String> problems) {

    public static final String MEDIA_TYPE = "application/problem+json";

    private static final Map<Integer, String> TITLES = Map.ofEntries(Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"),
            Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(409, "Conflict"), Map.entry(413, "Content Too Large"),
            Map.entry(415, "Unsupported Media Type"), Map.entry(429, "Too Many Requests"), Map.entry(500, "Internal Server Error"),
            Map.entry(503, "Service Unavailable"));

    public static Problem of(int status, String detail, List<String> problems) {
        return new Problem("about:blank", TITLES.getOrDefault(status, "Error"), status, detail, problems == null ? List.of() : problems);
    }

    public static Problem of(int status, String detail) {
        return of(status, detail, List.of());
    }
}
