package io.face3d.clinic;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Every number of a report.json as one CSV row (field, value), so a spreadsheet gets all of them: the field is the
 * number's path in report.json (objects joined with '.', array elements by their "key" when they have one, else
 * their index), e.g. {@code scales.eface.items.brow_elevation.value}. Quoting is commons-csv's (RFC 4180).
 */
public final class ReportCsv {
    private ReportCsv() {
    }

    public static String of(JsonNode report) {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader("field", "value").get())) {
            walk(report, "", csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static void walk(JsonNode n, String path, CSVPrinter csv) throws IOException {
        if (n.isNumber()) {
            csv.printRecord(path, n.asText());
        } else if (n.isObject()) {
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                walk(e.getValue(), join(path, e.getKey()), csv);
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                JsonNode e = n.get(i);
                walk(e, join(path, e.has("key") ? e.get("key").asText() : Integer.toString(i)), csv);
            }
        }
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
