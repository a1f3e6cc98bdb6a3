package dev.followupbot.app.copy;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The tables of a connection's current schema, as JDBC metadata describes them, parents before the
 * tables whose foreign keys point at them. Names are matched case-insensitively (H2 keeps them in
 * upper case, PostgreSQL in lower case).
 */
record JdbcSchema(String name, List<Table> tables) {

  /** A column and its {@link java.sql.Types} code. */
  record Column(String name, int type) {}

  /** A table, its columns in order and the tables its foreign keys reference (by key). */
  record Table(String name, List<Column> columns, Set<String> parents) {
    String key() {
      return JdbcSchema.key(name);
    }

    Optional<Column> column(String wanted) {
      return columns.stream()
          .filter(c -> JdbcSchema.key(c.name()).equals(JdbcSchema.key(wanted)))
          .findFirst();
    }
  }

  static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  static JdbcSchema read(Connection c) throws SQLException {
    DatabaseMetaData md = c.getMetaData();
    String schema = c.getSchema();
    String pattern = escape(schema, md.getSearchStringEscape());
    Map<String, Table> byKey = new TreeMap<>();
    try (ResultSet rs = md.getTables(null, pattern, "%", null)) {
      while (rs.next()) {
        String type = rs.getString("TABLE_TYPE");
        // H2 2 says BASE TABLE, PostgreSQL says TABLE.
        if ("TABLE".equals(type) || "BASE TABLE".equals(type)) {
          String table = rs.getString("TABLE_NAME");
          byKey.put(
              key(table),
              new Table(table, columns(md, pattern, table), parents(md, schema, table)));
        }
      }
    }
    return new JdbcSchema(schema, parentsFirst(byKey));
  }

  Optional<Table> table(String wanted) {
    return tables.stream().filter(t -> t.key().equals(key(wanted))).findFirst();
  }

  /** The identifier as SQL text, quoted so its case is kept. */
  static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  String qualified(Table table) {
    return quote(name) + "." + quote(table.name());
  }

  private static List<Column> columns(DatabaseMetaData md, String schemaPattern, String table)
      throws SQLException {
    Map<Integer, Column> byPosition = new TreeMap<>();
    try (ResultSet rs =
        md.getColumns(null, schemaPattern, escape(table, md.getSearchStringEscape()), "%")) {
      while (rs.next()) {
        byPosition.put(
            rs.getInt("ORDINAL_POSITION"),
            new Column(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE")));
      }
    }
    return List.copyOf(byPosition.values());
  }

  private static Set<String> parents(DatabaseMetaData md, String schema, String table)
      throws SQLException {
    Set<String> parents = new HashSet<>();
    try (ResultSet rs = md.getImportedKeys(null, schema, table)) {
      while (rs.next()) {
        String parent = key(rs.getString("PKTABLE_NAME"));
        if (!parent.equals(key(table))) {
          parents.add(parent);
        }
      }
    }
    return Set.copyOf(parents);
  }

  /** Orders tables so that each comes after every table it references (by name among equals). */
  private static List<Table> parentsFirst(Map<String, Table> byKey) {
    Map<String, Table> pending = new LinkedHashMap<>(byKey);
    List<Table> ordered = new ArrayList<>();
    Set<String> placed = new HashSet<>();
    while (!pending.isEmpty()) {
      Optional<Table> next =
          pending.values().stream()
              .filter(
                  t ->
                      t.parents().stream()
                          .allMatch(p -> placed.contains(p) || !byKey.containsKey(p)))
              .findFirst();
      if (next.isEmpty()) {
        throw new IllegalStateException(
            "the foreign keys between " + pending.keySet() + " form a cycle; cannot order them");
      }
      ordered.add(next.get());
      placed.add(next.get().key());
      pending.remove(next.get().key());
    }
    return List.copyOf(ordered);
  }

  private static String escape(String name, String escape) {
    if (escape == null || escape.isEmpty()) {
      return name;
    }
    return name.replace(escape, escape + escape)
        .replace("_", escape + "_")
        .replace("%", escape + "%");
  }
}
