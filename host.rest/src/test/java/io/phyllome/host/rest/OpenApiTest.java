package io.phyllome.host.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.phyllome.host.rest.http.Router;
import io.phyllome.host.rest.resource.CatalogResource;
import io.phyllome.host.rest.resource.ConsoleResource;
import io.phyllome.host.rest.resource.ProfileResource;
import io.phyllome.host.rest.session.SessionServlet;
import io.phyllome.host.rest.resource.HostResource;
import io.phyllome.host.rest.resource.TransferResource;
import io.phyllome.host.rest.resource.VmResource;

/** The OpenAPI document and the routes the servlets dispatch on are the same set: each route documented, each documented operation served. */
class OpenApiTest {

    @Test
    void everyServedRouteIsDocumentedAndEveryDocumentedOneServed() throws Exception {
        Router router = ApiServlet.routes(new Router(), new VmResource(null, null, null), new CatalogResource(null, null, null, null, null),
                new HostResource("0", null, null, null, null, null, null, () -> null), new TransferResource(null, null, 1, null));
        new ConsoleResource(null, null, null).routes(router);
        new ProfileResource(null).routes(router);
        Set<String> served = new TreeSet<>();
        router.routes().forEach(r -> served.add(r.method() + " " + r.template()));
        served.add("GET " + EventStream.PATH); // a servlet of its own (async)
        for (String method : new String[] { "GET", "POST", "DELETE" }) {
            served.add(method + " " + SessionServlet.PATH); // the console's login, a servlet of its own
        }

        JsonNode doc;
        try (InputStream in = ApiServlet.class.getResourceAsStream("openapi.json")) {
            doc = new ObjectMapper().readTree(in);
        }
        assertEquals("3.1.0", doc.path("openapi").asText());
        Set<String> documented = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(method -> documented.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey()));
        }
        assertEquals(served, documented);
        assertTrue(served.size() >= 15, "the API's operations: " + served);
    }

    @Test
    void everyOperationNeedsTheBearerTokenAndNamesItsProblems() throws Exception {
        JsonNode doc;
        try (InputStream in = ApiServlet.class.getResourceAsStream("openapi.json")) {
            doc = new ObjectMapper().readTree(in);
        }
        assertEquals("bearer", doc.path("components").path("securitySchemes").path("bearer").path("scheme").asText());
        doc.path("paths").forEach(path -> path.forEach(op -> assertTrue(op.path("responses").has("401"), op.toString())));
        doc.path("paths").forEach(path -> path.forEach(op -> assertTrue(op.path("responses").has("429"), "the request rate's bound: " + op)));
        assertTrue(doc.path("components").path("responses").path("TooManyRequests").path("headers").has("Retry-After"));
    }

    @Test
    void theUploadEventIsDocumentedWithTheFieldsTheStreamSends() throws Exception {
        JsonNode doc;
        try (InputStream in = ApiServlet.class.getResourceAsStream("openapi.json")) {
            doc = new ObjectMapper().readTree(in);
        }
        Set<String> documented = new TreeSet<>();
        doc.path("components").path("schemas").path("UploadEvent").path("properties").fieldNames().forEachRemaining(documented::add);
        Set<String> sent = new TreeSet<>(UploadEvents.PROPERTIES);
        sent.add("type");
        assertEquals(sent, documented);
    }

    @Test
    void anUploadEventCarriesTheFieldsTheStreamCopies() {
        List<Event> posted = new ArrayList<>();
        EventAdmin admin = new EventAdmin() {
            @Override
            public void postEvent(Event event) {
                posted.add(event);
            }

            @Override
            public void sendEvent(Event event) {
                posted.add(event);
            }
        };
        new UploadEvents(admin).start("x.iso", 1).verifying();
        Set<String> keys = new TreeSet<>(Arrays.asList(posted.get(0).getPropertyNames()));
        keys.remove(EventConstants.EVENT_TOPIC);
        assertEquals(new TreeSet<>(UploadEvents.PROPERTIES), keys, "what EventStream copies (PROPERTIES) is what UploadEvents posts");
    }
}
