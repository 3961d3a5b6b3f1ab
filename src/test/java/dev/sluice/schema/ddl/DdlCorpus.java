package dev.sluice.schema.ddl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The real-world DDL corpus under src/test/resources/ddl: statements ending with ';', '--' comments between. */
public final class DdlCorpus {

    private DdlCorpus() {
    }

    public static List<String> statements(String resource) throws IOException {
        try (InputStream in = DdlCorpus.class.getClassLoader().getResourceAsStream(resource)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> statements = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String line : text.split("\n")) {
                if (current.length() == 0 && (line.startsWith("--") || line.isBlank())) {
                    continue;
                }
                current.append(line).append('\n');
                if (line.stripTrailing().endsWith(";")) {
                    String sql = current.toString().strip();
                    statements.add(sql.substring(0, sql.length() - 1));
                    current.setLength(0);
                }
            }
            return statements;
        }
    }
}
