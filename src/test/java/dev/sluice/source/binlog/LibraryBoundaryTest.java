package dev.sluice.source.binlog;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The binlog client's types stay in {@code source}: every other package reads Sluice's own model. */
class LibraryBoundaryTest {

    @Test
    void onlyTheSourcePackageImportsTheBinlogClient() throws IOException {
        Path main = Path.of("src/main/java/dev/sluice");
        try (Stream<Path> files = Files.walk(main)) {
            List<String> leaks = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.startsWith(main.resolve("source")))
                    .filter(f -> read(f).contains("com.github.shyiko"))
                    .map(f -> main.relativize(f).toString()).sorted().toList();
            assertEquals(List.of(), leaks);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
