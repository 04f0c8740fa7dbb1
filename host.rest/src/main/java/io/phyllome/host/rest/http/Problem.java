package io.phyllome.host.rest.http;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.phyllome.host.vm.InvalidSpecException;

/**
 * An RFC 9457 problem document ({@code application/problem+json}): {@code detail} is the message
 * the shell prints for the same mistake; {@code problems} lists each one of an invalid spec;
 * {@code invalid} names the request's field of each of those that is about one, as the platform's
 * validation found it ({@link InvalidSpecException.Problem#field()}).
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

    /** The spec's problems, each one about a field also in {@code invalid}. */
    public static Problem of(int status, InvalidSpecException spec) {
        List<Invalid> invalid = spec.problemsWithFields().stream().filter(p -> !p.field().isEmpty())
                .map(p -> new Invalid(pointer(p.field()), p.message())).toList();
        return new Problem("about:blank", title(status), status, spec.getMessage(), spec.problems(), invalid);
    }

    public static Problem of(int status, String detail) {
        return new Problem("about:blank", title(status), status, detail, List.of(), List.of());
    }

    private static String title(int status) {
        return TITLES.getOrDefault(status, "Error");
    }

    /**
     * The JSON pointer of a spec's field in the body of {@code POST /vms}, whose fields have the
     * spec's names: {@code memory} is {@code /memory}, the option {@code options/KEY} is
     * {@code /options/KEY} with the key escaped (RFC 6901).
     */
    static String pointer(String field) {
        String options = InvalidSpecException.Problem.option("");
        return field.startsWith(options) ? "/" + options + escape(field.substring(options.length())) : "/" + escape(field);
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
