package io.phyllome.host.rest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventHandler;
import org.osgi.service.event.propertytypes.EventTopics;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletAsyncSupported;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.phyllome.host.rest.http.Json;
import io.phyllome.host.rest.http.Problem;
import io.phyllome.host.rest.http.Router;
import io.phyllome.host.vm.VmEvents;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /api/v1/events}: the VMs' lifecycle events ({@link VmEvents}, posted by the hypervisor
 * adapter) as server-sent events, {@code event: STARTED} with {@code data:
 * {"type":"STARTED","name":...,"state":"running","detail":"booted"}} and a rising {@code id}. One thread writes to every
 * client, so a slow client delays the stream, never Event Admin; a comment every 15 s keeps
 * proxies from closing an idle stream and finds clients that left. Media uploads report their
 * progress here too ({@link UploadEvents}): {@code event: UPLOAD}.
 */
@Component(service = { Servlet.class, EventHandler.class })
@HttpWhiteboardContextSelect(ApiContext.SELECT)
@HttpWhiteboardServletPattern(EventStream.PATH)
@HttpWhiteboardServletAsyncSupported
@EventTopics({ VmEvents.TOPIC_ALL, UploadEvents.TOPIC })
public class EventStream extends HttpServlet implements EventHandler {

    private static final long serialVersionUID = 1L;
    static final String PATH = "/events";
    /** More streams than this are refused (503): each holds a connection open. */
    static final int MAX_CLIENTS = 256;

    private final transient Set<AsyncContext> clients = ConcurrentHashMap.newKeySet();
    /** Numbers the events ({@code id:}), so that a client sees whether it missed one. */
    private final AtomicLong sequence = new AtomicLong();
    private final transient ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "phyllome-rest-events");
        t.setDaemon(true);
        return t;
    });

    public EventStream() {
        writer.scheduleWithFixedDelay(() -> send(": keep-alive\n\n"), 15, 15, TimeUnit.SECONDS);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (clients.size() >= MAX_CLIENTS) {
            Router.problem(response, Problem.of(503, "too many event streams are open (" + MAX_CLIENTS + "): close one and retry"));
            return;
        }
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        response.getOutputStream().write(": phyllome VM events\n\n".getBytes(StandardCharsets.UTF_8));
        response.flushBuffer();
        clients.add(async);
    }

    @Override
    public void handleEvent(Event event) {
        if (clients.isEmpty()) {
            return; // nobody listens: always so in a one-shot command, which may be stopping its framework
        }
        String type = event.getTopic().substring(event.getTopic().lastIndexOf('/') + 1);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", type);
        if (event.getTopic().equals(UploadEvents.TOPIC)) {
            for (String key : UploadEvents.PROPERTIES) {
                data.put(key, event.getProperty(key));
            }
        } else {
            data.put("name", event.getProperty(VmEvents.NAME));
            data.put("state", String.valueOf(event.getProperty(VmEvents.STATE)));
            data.put("detail", String.valueOf(event.getProperty(VmEvents.DETAIL)));
        }
        try {
            String frame = "id: " + sequence.incrementAndGet() + "\nevent: " + type + "\ndata: " + Json.MAPPER.writeValueAsString(data) + "\n\n";
            writer.execute(() -> send(frame));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (RejectedExecutionException e) {
            // deactivated: the streams are closed
        }
    }

    private void send(String frame) {
        byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
        for (AsyncContext client : clients) {
            try {
                client.getResponse().getOutputStream().write(bytes);
                client.getResponse().flushBuffer();
            } catch (IOException | IllegalStateException e) { // the client left
                clients.remove(client);
                try {
                    client.complete();
                } catch (IllegalStateException ignored) {
                    // already completed by the container
                }
            }
        }
    }

    @Deactivate
    void close() {
        writer.shutdownNow();
        clients.forEach(c -> {
            try {
                c.complete();
            } catch (IllegalStateException ignored) {
                // already completed
            }
        });
        clients.clear();
    }
}
