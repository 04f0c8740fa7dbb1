package io.phyllome.host.rest.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** One request to a {@link Route}: its path parameters, query and bounded JSON body. */
public final class Call {

    /** The largest JSON body the API reads; a VM's spec is a few hundred bytes. */
    public static final int MAX_JSON_BODY = 64 * 1024;

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final Map<String, String> params;

    public Call(HttpServletRequest request, HttpServletResponse response, Map<String, String> params) {
        this.request = request;
        this.response = response;
        this.params = params;
    }

    public String param(String name) {
        return params.get(name);
    }

    /**
     * A query parameter, or null. Read from the query string itself: {@code getParameter} would
     * read a form-encoded body as parameters, and so consume an upload sent with that content type.
     */
    public String query(String name) {
        String query = request.getQueryString();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** A request header, or null. */
    public String header(String name) {
        return request.getHeader(name);
    }

    /** The body as a stream, for an upload that goes to disk. */
    public InputStream input() throws IOException {
        return request.getInputStream();
    }

    public HttpServletRequest request() {
        return request;
    }

    public HttpServletResponse response() {
        return response;
    }

    /**
     * The body as {@code type}: 400 when it is not JSON, has a field {@code type} does not know,
     * or is missing; 413 above {@link #MAX_JSON_BODY}; 415 when it is not {@code application/json}.
     */
    public <T> T body(Class<T> type) throws IOException {
        String contentType = request.getContentType();
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(415, "send the body as JSON, with the header Content-Type: application/json");
        }
        if (request.getContentLengthLong() > MAX_JSON_BODY) {
            throw new ApiException(413, "the body is larger than " + MAX_JSON_BODY + " bytes");
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_JSON_BODY + 1);
        }
        if (body.length > MAX_JSON_BODY) {
            throw new ApiException(413, "the body is larger than " + MAX_JSON_BODY + " bytes");
        }
        if (body.length == 0) {
            throw new ApiException(400, "the request has no body: send a JSON object");
        }
        try {
            T value = Json.MAPPER.readValue(body, type);
            if (value == null) {
                throw new ApiException(400, "the body is null: send a JSON object");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw new ApiException(400, "unknown field '" + e.getPropertyName() + "': the fields are " + new java.util.TreeSet<>(e.getKnownPropertyIds().stream().map(String::valueOf).toList()));
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "the body is not the JSON expected: " + e.getOriginalMessage());
        }
    }
}
