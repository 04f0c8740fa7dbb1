package io.phyllome.distro.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Opens a console WebSocket as the pages do: 101 when it opened, else the status of the refusal. */
final class ConsoleSockets {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ConsoleSockets() {
    }

    /** {@code kind} is vnc or serial; {@code cookie} (e.g. {@code phyllome_session=ID}) may be null, as may {@code ticket}. */
    static int open(int port, String kind, String vm, String ticket, String cookie) throws InterruptedException {
        URI uri = URI.create("ws://127.0.0.1:" + port + "/console/" + kind + "/" + vm + (ticket == null ? "" : "?ticket=" + ticket));
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().subprotocols("binary");
        if (cookie != null) {
            builder.header("Cookie", cookie);
        }
        try {
            builder.buildAsync(uri, new WebSocket.Listener() {
            }).get(30, TimeUnit.SECONDS).abort();
            return 101;
        } catch (ExecutionException | CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw new AssertionError("opening " + uri + " failed otherwise", e);
        } catch (TimeoutException e) {
            throw new AssertionError("opening " + uri + " did not answer within 30 s", e);
        }
    }
}
