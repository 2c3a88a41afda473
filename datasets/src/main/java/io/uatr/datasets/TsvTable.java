package io.uatr.datasets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tab-separated table with a header row, read whole. Rows are maps from column name to value in
 * column order; blank lines are skipped.
 *
 * @param source where the table came from, for messages
 * @param columns header names in order
 * @param rows rows in file order
 */
public record TsvTable(String source, List<String> columns, List<Map<String, String>> rows) {

  /** Copies the lists. */
  public TsvTable {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }

  /**
   * Parses a table.
   *
   * @param in the bytes (UTF-8); not closed
   * @param source name for messages (file or resource)
   * @return the table
   * @throws DatasetException naming the source and line of a row with the wrong number of fields
   * @throws IOException on a read error
   */
  public static TsvTable read(InputStream in, String source) throws IOException {
    BufferedReader br = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String head = br.readLine();
    if (head == null) {
      throw new DatasetException(source + ": empty table, expected a header row");
    }
    List<String> cols = List.of(strip(head).split("\t", -1));
    List<Map<String, String>> rows = new ArrayList<>();
    int lineNo = 1;
    for (String line = br.readLine(); line != null; line = br.readLine()) {
      lineNo++;
      line = strip(line);
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t", -1);
      if (f.length != cols.size()) {
        throw new DatasetException(
            source
                + " line "
                + lineNo
                + ": "
                + f.length
                + " fields, the header has "
                + cols.size());
      }
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < f.length; i++) {
        row.put(cols.get(i), f[i].trim());
      }
      rows.add(Collections.unmodifiableMap(row));
    }
    return new TsvTable(source, cols, rows);
  }

  /**
   * Checks that the table has the given columns.
   *
   * @param required column names
   * @throws DatasetException naming the source and the missing columns
   */
  public void require(List<String> required) {
    List<String> missing = new ArrayList<>();
    for (String c : required) {
      if (!columns.contains(c)) {
        missing.add(c);
      }
    }
    if (!missing.isEmpty()) {
      throw new DatasetException(source + ": missing column(s) " + missing + ", has " + columns);
    }
  }

  private static String strip(String s) {
    String t = s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    return t.startsWith("\uFEFF") ? t.substring(1) : t;
  }
}
