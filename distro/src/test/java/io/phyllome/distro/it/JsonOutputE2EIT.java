package io.phyllome.distro.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.After;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * {@code ./phyllome vm:list --format json} and {@code host:check --format json} as scripts run
 * them, against the system libvirtd: the output parses, validates against its schema under
 * {@code docs/api/v1}, and says what the table says; an unknown format names the choices.
 */
public class JsonOutputE2EIT {

    private static final Path SCHEMAS = Path.of("..", "docs", "api", "v1");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path state = Path.of(TestPlatform.required("phyllome.it.work")).toAbsolutePath().resolve(JsonOutputE2EIT.class.getSimpleName())
            .resolve("state-" + TestGuest.random(4));
    private final String vm = TestGuest.uniqueName("it-json-windows-server-2022-long");
    private final OneShot platform = new OneShot(state, Host.SYSTEM);

    @After
    public void deleteTheVm() {
        Host.quietly("virsh", "-c", Host.SYSTEM, "undefine", "--nvram", vm);
    }

    @Test
    public void vmListAndHostCheckWriteTheirSchemasJson() throws IOException {
        TestPlatform.createSearchable(state);
        platform.run("vm:create", "--memory", "256M", "--cpus", "1", "--disk", "none", "linux", vm).ok();

        OneShot.Result list = platform.run("vm:list", "--format", "json").ok();
        JsonNode vms = valid("vm-list", list.out());
        JsonNode mine = null;
        for (JsonNode v : vms.get("vms")) {
            mine = v.get("name").asText().equals(vm) ? v : mine;
        }
        assertTrue("vm:list --format json lists " + vm + ": " + list, mine != null);
        assertEquals("shut-off", mine.get("state").asText());
        assertEquals("linux", mine.get("profile").asText());
        assertEquals(256L << 20, mine.get("memoryBytes").asLong());
        assertEquals(1, mine.get("cpus").asInt());

        OneShot.Result table = platform.run("vm:list").ok();
        List<String> lines = table.out().strip().lines().toList();
        assertTrue("a header line first: " + table, lines.get(0).matches("NAME\\s+STATE\\s+PROFILE\\s+MEMORY\\s+CPUS"));
        assertTrue("the long name keeps its column apart: " + table, lines.stream().anyMatch(l -> l.matches("\\Q" + vm + "\\E\\s+shut-off\\s+linux\\s+256M\\s+1")));

        OneShot.Result check = platform.run("host:check", "--format", "json");
        JsonNode report = valid("host-check", check.out());
        assertTrue("host:check --format json has checks: " + check, report.get("checks").size() > 5);
        int failed = report.get("failed").asInt();
        if (failed == 0) {
            assertEquals("no check failed, so host:check succeeds: " + check, 0, check.exit());
        } else {
            assertNotEquals("a check failed, so host:check fails: " + check, 0, check.exit());
        }

        OneShot.Result unknown = platform.run("vm:list", "--format", "yaml");
        assertNotEquals(unknown.toString(), 0, unknown.exit());
        assertTrue("an unknown format names the choices: " + unknown, unknown.err().contains("unknown output format 'yaml': give --format table or json"));
    }

    /** The JSON in a command's standard output, asserted valid against its schema. */
    private static JsonNode valid(String kind, String out) throws IOException {
        String schema = Files.readString(SCHEMAS.resolve(kind + ".schema.json"));
        List<com.networknt.schema.Error> errors = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schema, InputFormat.JSON)
                .validate(out, InputFormat.JSON);
        assertEquals(kind + " output:\n" + out, List.of(), errors);
        JsonNode node = JSON.readTree(out);
        assertEquals("https://phyllome.io/schemas/host/v1/" + kind + ".schema.json", node.get("$schema").asText());
        return node;
    }

}
