package io.phyllome.host.rest.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One operation of the API: a method and a path template such as {@code /vms/{name}/start},
 * relative to {@code /api/v1}. The OpenAPI document lists exactly these (OpenApiTest).
 */
public record Route(String method, String template, Handler handler) {

    /** What an operation does with a request; its result is written as JSON (or is a {@link Reply}). */
    @FunctionalInterface
    public interface Handler {
        Object handle(Call call) throws Exception;
    }

    /** The path parameters when {@code path} (decoded) matches this template. */
    public Optional<Map<String, String>> match(String path) {
        List<String> want = segments(template);
        List<String> have = segments(path);
        if (want.size() != have.size()) {
            return Optional.empty();
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < want.size(); i++) {
            String w = want.get(i);
            if (w.startsWith("{") && w.endsWith("}")) {
                if (have.get(i).isEmpty()) {
                    return Optional.empty();
                }
                params.put(w.substring(1, w.length() - 1), have.get(i));
            } else if (!w.equals(have.get(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }

    /** The path's segments; the container has decoded them already ({@code getPathInfo}). */
    private static List<String> segments(String path) {
        return new ArrayList<>(List.of(path.split("/", -1)));
    }
}
