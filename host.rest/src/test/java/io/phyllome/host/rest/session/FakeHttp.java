package io.phyllome.host.rest.session;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** A request and a response with just what the session classes read and write (dynamic proxies: no mocking library here). */
final class FakeHttp {

    final Map<String, String> headers = new HashMap<>();
    final List<String> setCookies = new ArrayList<>();
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    String method = "GET";
    String pathInfo = "/vms";
    String cookie;
    boolean secure;
    int status = 200;

    FakeHttp method(String m) {
        method = m;
        return this;
    }

    FakeHttp header(String name, String value) {
        headers.put(name.toLowerCase(java.util.Locale.ROOT), value);
        return this;
    }

    FakeHttp cookie(String id) {
        cookie = id;
        return this;
    }

    /** The session id the last Set-Cookie gave. */
    String issuedId() {
        String last = setCookies.get(setCookies.size() - 1);
        return last.substring(last.indexOf('=') + 1, last.indexOf(';'));
    }

    HttpServletRequest request() {
        return (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { HttpServletRequest.class }, (p, m, args) -> switch (m.getName()) {
        case "getMethod" -> method;
        case "getPathInfo" -> pathInfo;
        case "getServletPath" -> "";
        case "getHeader" -> headers.get(((String) args[0]).toLowerCase(java.util.Locale.ROOT));
        case "getCookies" -> cookie == null ? null : new Cookie[] { new Cookie(SessionCookie.NAME, cookie) };
        case "isSecure" -> secure;
        case "getScheme" -> secure ? "https" : "http";
        case "getRemoteAddr" -> "127.0.0.1";
        default -> throw new UnsupportedOperationException(m.getName());
        });
    }

    HttpServletResponse response() {
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public void write(int b) {
                body.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }
        };
        return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { HttpServletResponse.class }, (p, m, args) -> {
            switch (m.getName()) {
            case "addHeader" -> {
                if ("Set-Cookie".equals(args[0])) {
                    setCookies.add((String) args[1]);
                }
            }
            case "setStatus" -> status = (Integer) args[0];
            case "getOutputStream" -> {
                return out;
            }
            case "isCommitted" -> {
                return false;
            }
            case "reset", "setContentType", "setCharacterEncoding", "setHeader" -> {
            }
            default -> throw new UnsupportedOperationException(m.getName());
            }
            return null;
        });
    }
}
