package io.uatr.datasets;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One-line RFC 4180 field splitting (quoted fields, doubled quotes); no embedded newlines. */
final class Csv {
  private Csv() {}

  static List<String> parse(String line, Path file, int lineNo) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    String s = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    if (lineNo == 1 && s.startsWith("\uFEFF")) {
      s = s.substring(1);
    }
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          cur.append(ch);
        }
      } else if (ch == '"' && cur.length() == 0) {
        quoted = true;
      } else if (ch == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(ch);
      }
    }
    if (quoted) {
      throw new DatasetException(file + " line " + lineNo + ": unterminated quoted field");
    }
    out.add(cur.toString());
    return out;
  }
}
