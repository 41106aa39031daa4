package conclab.grader.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import conclab.grader.io.AtomicFile;
import java.io.IOException;
import java.nio.file.Path;

/** Writes a report as JSON, atomically: the file is whole, or it is the previous one. */
public final class ReportWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportWriter() {
    }

    public static void write(Report report, Path target) throws IOException {
        AtomicFile.write(target, toJson(report));
    }

    /** The report's JSON, as {@link #write} writes it. */
    public static byte[] toJson(Report report) {
        try {
            return JSON.writeValueAsBytes(report);
        } catch (JsonProcessingException e) {
            // records of strings, numbers and lists always serialise: this is a defect
            throw new IllegalStateException("the report could not be serialised", e);
        }
    }

    /** Reads a report back, as the batch and summary commands will. */
    public static Report read(Path source) throws IOException {
        return JSON.readValue(source.toFile(), Report.class);
    }

    /** Reads a report from its JSON. */
    public static Report read(byte[] json) throws IOException {
        return JSON.readValue(json, Report.class);
    }
}
