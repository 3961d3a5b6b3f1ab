package dev.sluice.it;

import java.util.Locale;
import java.util.UUID;

/** A database of its own for one test, dropped afterwards, so tests never see each other's rows. */
public final class TestDatabase implements AutoCloseable {

    private final DbServer server;
    private final String name;

    public TestDatabase(DbServer server, String purpose) {
        this.server = server;
        this.name = ("it_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
        server.execute("CREATE DATABASE " + name);
    }

    public String name() {
        return name;
    }

    /** A connector name unique to this test, so topics and offsets never collide. */
    public String connector() {
        return name.replace('_', '-');
    }

    public String topic(String table) {
        return connector() + "." + name + "." + table;
    }

    @Override
    public void close() {
        server.execute("DROP DATABASE IF EXISTS " + name);
    }
}
