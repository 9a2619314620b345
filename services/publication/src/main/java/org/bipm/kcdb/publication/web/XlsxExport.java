package org.bipm.kcdb.publication.web;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.bipm.kcdb.publication.domain.PublishedCmc;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * A search as an Excel workbook with the CSV export's columns: one sheet, a bold frozen header, numbers as numbers.
 * The workbook is written row by row into the response as it goes (fastexcel streams the sheet XML), so a whole
 * domain downloads without the workbook ever being held in memory.
 */
final class XlsxExport {

    static final int FLUSH_EVERY = 1000;

    private XlsxExport() {
    }

    static Flux<DataBuffer> write(List<PublishedCmc> found, Function<PublishedCmc, Map<String, Object>> api) {
        return Flux.from(DataBufferUtils.outputStreamPublisher(out -> {
            Workbook workbook = new Workbook(out, "KCDB", "1.0");
            Worksheet sheet = workbook.newWorksheet("CMCs");
            List<String> columns = CsvRows.COLUMNS;
            for (int c = 0; c < columns.size(); c++) {
                sheet.value(0, c, columns.get(c));
            }
            sheet.range(0, 0, 0, columns.size() - 1).style().bold().set();
            sheet.freezePane(0, 1);
            int row = 1;
            for (PublishedCmc cmc : found) {
                Map<String, Object> record = api.apply(cmc);
                for (int c = 0; c < columns.size(); c++) {
                    cell(sheet, row, c, CsvRows.value(record, columns.get(c)));
                }
                if (row++ % FLUSH_EVERY == 0) {
                    flush(sheet);
                }
            }
            finish(workbook);
        }, DefaultDataBufferFactory.sharedInstance, task -> Schedulers.boundedElastic().schedule(task)));
    }

    private static void cell(Worksheet sheet, int row, int column, Object value) {
        if (value instanceof Number number) {
            sheet.value(row, column, number);
        } else if (value != null && !value.toString().isEmpty()) {
            sheet.value(row, column, value.toString());
        }
    }

    private static void flush(Worksheet sheet) {
        try {
            sheet.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void finish(Workbook workbook) {
        try {
            workbook.finish();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
