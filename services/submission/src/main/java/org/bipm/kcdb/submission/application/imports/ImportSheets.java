package org.bipm.kcdb.submission.application.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.bipm.kcdb.submission.domain.imports.ImportColumns;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;

/**
 * Reads an import file row by row (CSV with a header line, or the first sheet of an XLSX workbook with a header row)
 * and writes the template. Streaming both ways, so 30 000 rows never sit in memory as a workbook.
 */
public final class ImportSheets {

    /** The file formats the import takes. */
    public enum Format { CSV, XLSX }

    /** A file that is not what it says, or whose header names unknown columns. */
    public static class UnreadableSheet extends RuntimeException {
        public UnreadableSheet(String message) {
            super(message);
        }
    }

    private ImportSheets() {
    }

    /** Calls {@code each} with (sheet row number, cells by column name) for every non-empty data row. */
    public static void read(Path file, Format format, RowConsumer each) throws IOException {
        if (format == Format.CSV) {
            readCsv(file, each);
        } else {
            readXlsx(file, each);
        }
    }

    /** How many non-empty data rows the file has (each row read as {@link #read} reads it, and counted). */
    public static int count(Path file, Format format) throws IOException {
        int[] rows = {0};
        read(file, format, (row, cells) -> rows[0]++);
        return rows[0];
    }

    /** What receives each row. */
    @FunctionalInterface
    public interface RowConsumer {
        void accept(int rowNumber, Map<String, String> cells);
    }

    /** A failure of the row consumer, kept apart from failures to read the file. */
    private static final class ConsumerFailed extends RuntimeException {
        ConsumerFailed(RuntimeException cause) {
            super(cause);
        }
    }

    private static void deliver(RowConsumer each, int row, Map<String, String> cells) {
        try {
            each.accept(row, cells);
        } catch (RuntimeException e) {
            throw new ConsumerFailed(e);
        }
    }

    private static void readCsv(Path file, RowConsumer each) throws IOException {
        try (Reader reader = new InputStreamReader(withoutBom(Files.newInputStream(file)), StandardCharsets.UTF_8)) {
            Iterator<CSVRecord> records = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get()
                    .parse(reader).iterator();
            if (!records.hasNext()) {
                throw new UnreadableSheet("The file is empty: it needs a header row naming the columns.");
            }
            List<String> header = header(records.next().toList());
            while (records.hasNext()) {
                CSVRecord record = records.next();
                Map<String, String> cells = new LinkedHashMap<>();
                for (int i = 0; i < header.size() && i < record.size(); i++) {
                    cells.put(header.get(i), record.get(i));
                }
                if (cells.values().stream().anyMatch(v -> v != null && !v.isBlank())) {
                    deliver(each, (int) record.getRecordNumber(), cells);
                }
            }
        } catch (ConsumerFailed e) {
            throw (RuntimeException) e.getCause();
        } catch (java.io.UncheckedIOException | IllegalStateException e) {
            throw new UnreadableSheet("The CSV file cannot be read: " + e.getMessage());
        }
    }

    private static void readXlsx(Path file, RowConsumer each) throws IOException {
        try (InputStream in = Files.newInputStream(file); ReadableWorkbook workbook = new ReadableWorkbook(in);
             Stream<Row> rows = workbook.getFirstSheet().openStream()) {
            List<String> header = new ArrayList<>();
            rows.forEach(row -> {
                if (header.isEmpty()) {
                    List<String> names = new ArrayList<>();
                    for (int i = 0; i < row.getCellCount(); i++) {
                        names.add(row.getCellText(i));
                    }
                    header.addAll(header(names));
                    return;
                }
                Map<String, String> cells = new LinkedHashMap<>();
                for (int i = 0; i < header.size() && i < row.getCellCount(); i++) {
                    cells.put(header.get(i), row.getCellText(i));
                }
                if (cells.values().stream().anyMatch(v -> v != null && !v.isBlank())) {
                    deliver(each, row.getRowNum(), cells);
                }
            });
        } catch (ConsumerFailed e) {
            throw (RuntimeException) e.getCause();
        } catch (UnreadableSheet e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new UnreadableSheet("The XLSX file cannot be read: it is not an Excel 2007+ workbook.");
        }
    }

    private static List<String> header(List<String> names) {
        List<String> header = names.stream().map(n -> n == null ? "" : n.strip()).toList();
        List<String> unknown = header.stream().filter(n -> !n.isEmpty() && !ImportColumns.ALL.contains(n)).toList();
        if (!unknown.isEmpty()) {
            throw new UnreadableSheet("Unknown column(s) " + unknown + "; the template names every column.");
        }
        if (header.stream().noneMatch(ImportColumns.ALL::contains)) {
            throw new UnreadableSheet("The first row must name the columns, as in the template.");
        }
        return header;
    }

    public static void writeTemplate(Format format, OutputStream out) throws IOException {
        if (format == Format.CSV) {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            try (CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT)) {
                csv.printRecord(ImportColumns.ALL);
                for (Map<String, String> example : ImportColumns.examples()) {
                    csv.printRecord(ImportColumns.ALL.stream().map(c -> example.getOrDefault(c, "")).toList());
                }
            }
            return;
        }
        Workbook workbook = new Workbook(out, "KCDB", "1.0");
        Worksheet sheet = workbook.newWorksheet("CMCs");
        for (int c = 0; c < ImportColumns.ALL.size(); c++) {
            sheet.value(0, c, ImportColumns.ALL.get(c));
            sheet.style(0, c).bold().set();
            for (int r = 0; r < ImportColumns.examples().size(); r++) {
                String value = ImportColumns.examples().get(r).get(ImportColumns.ALL.get(c));
                if (value != null) {
                    sheet.value(r + 1, c, value);
                }
            }
        }
        sheet.freezePane(0, 1);
        workbook.finish();
    }

    private static InputStream withoutBom(InputStream in) throws IOException {
        java.io.PushbackInputStream pushback = new java.io.PushbackInputStream(in, 3);
        byte[] start = pushback.readNBytes(3);
        if (!(start.length == 3 && (start[0] & 0xFF) == 0xEF && (start[1] & 0xFF) == 0xBB && (start[2] & 0xFF) == 0xBF)) {
            pushback.unread(start);
        }
        return pushback;
    }
}
