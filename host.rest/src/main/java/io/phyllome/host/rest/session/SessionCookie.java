package io.phyllome.host.rest.session;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's page sends
 * it), Path=/ (the pages' WebSockets carry it too), Secure when the request came over TLS; no
 * expiry date, so the browser forgets it when it closes; the server forgets it when idle.
 */
public final class SessionCookie {

    public static final String NAME = "phyllome_session";

    private SessionCookie() {
    }

    /** The session id the request carries, or null. */
    public static String of(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie c : cookies) {
            if (NAME.equals(c.getName()) && !c.getValue().isEmpty()) {
                return c.getValue();
            }
        }
        return null;
    }

    public static void set(HttpServletRequest request, HttpServletResponse response, String id) {
        response.addHeader("Set-Cookie", header(id, request.isSecure(), false));
    }

    public static void clear(HttpServletRequest request, HttpServletResponse response) {
        response.addHeader("Set-Cookie", header("", request.isSecure(), true));
    }

    static String header(String value, boolean secure, boolean expire) {
        return NAME + "=" + value + "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "") + (expire ? "; Max-Age=0" : "");
    }
}
