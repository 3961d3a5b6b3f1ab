package dev.sluice.schema.ddl;

import dev.sluice.Fuzz;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The DDL parser on mutations of the real-world corpus: every input gives a statement or a
 * {@link DdlParseException} naming what is wrong, never another exception and never a hang.
 */
class DdlParserFuzzTest {

    private static final List<String> WORDS = List.of("CREATE ", "TABLE ", "ALTER ", "DROP ", "RENAME ", " TO ",
            "(", ")", ",", "`", "'", "\"", "/*", "*/", "/*!80000 ", "-- ", "#", "\n", ";", "\\", " DEFAULT ",
            " NOT NULL", " PRIMARY KEY", " ADD COLUMN ", " MODIFY ", " CHANGE ", " AFTER ", " FIRST", "ENUM('a','b')",
            " VARCHAR(255)", " CHARACTER SET utf8mb4", " COLLATE utf8mb4_bin", " GENERATED ALWAYS AS (1)",
            " PARTITION BY HASH(id) PARTITIONS 4", " IF NOT EXISTS ", " LIKE ", " SELECT 1", " AS ", "0x", "b'1'",
            "1e", "-", ".", "``", "''", "\"\"", " INDEX ", " KEY ", " CHECK (", " CONSTRAINT ", " UNIQUE ");

    @Test
    void mutatedStatementsParseOrSayWhy() throws Exception {
        List<String> corpus = new ArrayList<>(DdlCorpus.statements("ddl/corpus-common.sql"));
        corpus.addAll(DdlCorpus.statements("ddl/corpus-mysql.sql"));
        corpus.addAll(DdlCorpus.statements("ddl/corpus-mariadb.sql"));
        Random random = Fuzz.random("ddl");
        int iterations = Fuzz.iterations(20_000);
        int[] outcome = new int[2];
        assertTimeoutPreemptively(Duration.ofMinutes(10), () -> {
            for (int i = 0; i < iterations; i++) {
                String sql = Fuzz.mutate(random, corpus.get(random.nextInt(corpus.size())), WORDS);
                try {
                    DdlParser.parse(sql);
                    outcome[0]++;
                } catch (DdlParseException e) {
                    outcome[1]++;
                    assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), Fuzz.describe("ddl", i, sql));
                } catch (RuntimeException | StackOverflowError e) {
                    fail(Fuzz.describe("ddl", i, sql) + "\n" + e, e);
                }
            }
        }, "the parser must not hang (a hang shows as this timeout)");
        assertTrue(outcome[0] > 0 && outcome[1] > 0, "both parsed and refused inputs were tried: parsed " + outcome[0]
                + ", refused " + outcome[1]);
    }
}
