package io.chargeledger.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the embedded PostgreSQL's durability settings and size over JDBC (127.0.0.1, the port the benchmark gave
 * the server, user postgres without password, as the embedded default runs it): the figures are only meaningful
 * with fsync and synchronous_commit on.
 */
final class PostgresCheck {

    private PostgresCheck() {
    }

    static Map<String, String> settings(int port) {
        Map<String, String> out = new LinkedHashMap<>();
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
             Statement s = c.createStatement()) {
            for (String name : new String[]{"server_version", "fsync", "synchronous_commit", "full_page_writes",
                    "shared_buffers", "max_connections"}) {
                try (ResultSet r = s.executeQuery("SHOW " + name)) {
                    out.put(name, r.next() ? r.getString(1) : "?");
                }
            }
            try (ResultSet r = s.executeQuery("SELECT pg_size_pretty(pg_database_size('postgres'))")) {
                out.put("database size", r.next() ? r.getString(1) : "?");
            }
        } catch (SQLException e) {
            out.put("error", e.getMessage());
        }
        return out;
    }

    /** Count of rows of a table, or -1 when it cannot be read. */
    static long count(int port, String table) {
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
            return r.next() ? r.getLong(1) : -1;
        } catch (SQLException e) {
            return -1;
        }
    }
}
