package io.herald.it;

import io.herald.it.support.ItPorts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server describes the whole API at /openapi: every endpoint, its parameters and its error answers. */
class OpenApiIT extends HeraldIT {

    @Test
    void theOpenApiDocumentListsEveryEndpointWithItsErrorAnswers() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(ItPorts.http("/openapi?format=JSON")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        JsonObject paths = Json.createReader(new StringReader(r.body())).readObject().getJsonObject("paths");

        for (String path : List.of("/herald/api/templates", "/herald/api/templates/{id}", "/herald/api/lists",
                "/herald/api/lists/{id}", "/herald/api/lists/{id}/recipients", "/herald/api/campaigns",
                "/herald/api/campaigns/{id}", "/herald/api/campaigns/{id}/send", "/herald/api/campaigns/{id}/pause",
                "/herald/api/campaigns/{id}/resume", "/herald/api/campaigns/{id}/cancel",
                "/herald/api/campaigns/{id}/deliveries")) {
            assertTrue(paths.containsKey(path), path + " is described: " + paths.keySet());
        }
        var send = paths.getJsonObject("/herald/api/campaigns/{id}/send").getJsonObject("post");
        assertTrue(send.getJsonObject("responses").keySet().containsAll(List.of("202", "401", "403", "404", "409")),
                send.toString());
        Map<String, List<String>> management = Map.of(
                "/herald/api/campaigns", List.of("get", "post"),
                "/herald/api/campaigns/{id}", List.of("get", "put", "delete"),
                "/herald/api/campaigns/{id}/clone", List.of("post"),
                "/herald/api/lists", List.of("get", "post"),
                "/herald/api/lists/{id}", List.of("get", "delete"),
                "/herald/api/lists/{id}/recipients", List.of("get", "post"),
                "/herald/api/lists/{id}/recipients/{recipientId}", List.of("put", "delete"),
                "/herald/api/imports", List.of("get"));
        management.forEach((path, methods) -> {
            assertTrue(paths.containsKey(path), path + " is described: " + paths.keySet());
            for (String method : methods) {
                var operation = paths.getJsonObject(path).getJsonObject(method);
                assertTrue(operation != null && operation.getJsonObject("responses").size() >= 3,
                        method + " " + path + " is described with its answers: " + paths.getJsonObject(path));
            }
        });
        assertTrue(paths.getJsonObject("/herald/api/campaigns/{id}").getJsonObject("delete").getJsonObject("responses")
                .keySet().containsAll(List.of("204", "403", "404", "409")));
        var campaigns = paths.getJsonObject("/herald/api/campaigns").getJsonObject("get");
        assertEquals(List.of("page", "q", "size", "status"), campaigns.getJsonArray("parameters").stream()
                .map(p -> p.asJsonObject().getString("name")).sorted().toList());
        var imports = paths.getJsonObject("/herald/api/imports").getJsonObject("get");
        assertEquals(List.of("page", "size"), imports.getJsonArray("parameters").stream()
                .map(p -> p.asJsonObject().getString("name")).sorted().toList());
        var deliveries = paths.getJsonObject("/herald/api/campaigns/{id}/deliveries").getJsonObject("get");
        assertEquals(List.of("id", "page", "size", "status"), deliveries.getJsonArray("parameters").stream()
                .map(p -> p.asJsonObject().getString("name")).sorted().toList());
    }

    @Test
    void theOpenApiDocumentListsTheSendingAccountFieldsAndNoSecret() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(ItPorts.http("/openapi?format=JSON")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonObject document = Json.createReader(new StringReader(r.body())).readObject();
        assertTrue(document.getJsonObject("paths").containsKey("/herald/api/accounts"), "GET /accounts is described");
        JsonObject schemas = document.getJsonObject("components").getJsonObject("schemas");
        Map<String, List<String>> fields = Map.of(
                "CampaignRequest", List.of("account", "fallbackAccount"),
                "CampaignSettings", List.of("account", "fallbackAccount"),
                "AuditEntryView", List.of("account", "smtpServer"),
                "AccountView", List.of("name", "isDefault", "host", "port", "tls", "signIn", "health"),
                "AccountHealth", List.of("status", "error", "checkedAt"));
        fields.forEach((schema, names) -> {
            assertTrue(schemas.containsKey(schema), schema + " is described: " + schemas.keySet());
            var properties = schemas.getJsonObject(schema).getJsonObject("properties").keySet();
            assertTrue(properties.containsAll(names), schema + " lists " + names + ": " + properties);
        });
        assertTrue(!r.body().contains("it-unsubscribe-secret-0123456789abcdef-xyz"),
                "the document holds no secret of the server's configuration (HERALD_UNSUBSCRIBE_SECRET in pom.xml)");
    }
}
