package dev.sluice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's "Known differences from Debezium" lists every deviation the oracle test accepts. */
class KnownDifferencesTest {

    @Test
    void everyAcceptedDeviationIsListedInTheReadme() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int section = readme.indexOf("\nKnown differences from Debezium"); // the paragraph, not a mention
        assertTrue(section >= 0, "the README has a Known differences section");
        String known = readme.substring(section, readme.indexOf("\n## ", section));
        JsonNode deviations = new ObjectMapper().readTree(
                Path.of("src/test/resources/oracle/deviations.json").toFile());
        List<String> missing = new ArrayList<>();
        for (JsonNode deviation : deviations) {
            String id = deviation.get("id").asText();
            assertTrue(deviation.get("why").asText().length() > 40, id + " says why");
            if (!known.contains("`" + id + "`")) {
                missing.add(id);
            }
        }
        assertTrue(deviations.size() > 0);
        assertEquals(List.of(), missing, "deviations the README does not list");
    }
}
