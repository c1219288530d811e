package dev.slope.viz;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.slope.SlopeException;
import dev.slope.io.AtomicFiles;
import dev.slope.io.RunFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Turns a run folder (written by {@code slope train --plots DIR}: {@code run.json} and the PNGs) into
 * one self-contained HTML page, images inlined, that opens anywhere without the folder.
 */
public final class RunReport {
    /** The pictures a report shows, in order, with their captions. */
    static final List<Map.Entry<String, String>> PICTURES = List.of(
            Map.entry("loss.png", "Training loss per step"),
            Map.entry("accuracy.png", "Accuracy per epoch"),
            Map.entry("templates.png", "Each class's weights drawn as an image: the templates W learned"),
            Map.entry("confusion.png", "Confusion matrix on the test images"),
            Map.entry("landscape-1d.png", "The loss along one random direction around the trained W"),
            Map.entry("landscape-2d.png", "The loss over two random directions around the trained W"));

    private RunReport() {
    }

    public static String html(Path dir) {
        JsonObject run = RunFolder.readSummary(dir);
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Slope run report</title>\n")
                .append("<style>body{font-family:sans-serif;max-width:960px;margin:2em auto;color:#222}")
                .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}")
                .append("img{max-width:100%;border:1px solid #eee}figure{margin:1.5em 0}</style></head><body>\n")
                .append("<h1>Slope run report</h1>\n<h2>Results</h2>\n<table>\n");
        for (Map.Entry<String, JsonElement> e : run.entrySet()) {
            if (!e.getValue().isJsonObject()) {
                sb.append("<tr><th>").append(escape(e.getKey())).append("</th><td>").append(escape(text(e.getValue())))
                        .append("</td></tr>\n");
            }
        }
        sb.append("</table>\n");
        if (run.has("config") && run.get("config").isJsonObject()) {
            sb.append("<h2>Settings</h2>\n<table>\n");
            for (Map.Entry<String, JsonElement> e : run.getAsJsonObject("config").entrySet()) {
                sb.append("<tr><th>").append(escape(e.getKey())).append("</th><td>").append(escape(text(e.getValue())))
                        .append("</td></tr>\n");
            }
            sb.append("</table>\n");
        }
        for (Map.Entry<String, String> p : PICTURES) {
            Path png = dir.resolve(p.getKey());
            if (!Files.isRegularFile(png)) {
                continue;
            }
            try {
                String b64 = Base64.getEncoder().encodeToString(Files.readAllBytes(png));
                sb.append("<figure><img alt=\"").append(escape(p.getValue())).append("\" src=\"data:image/png;base64,")
                        .append(b64).append("\"><figcaption>").append(escape(p.getValue())).append("</figcaption></figure>\n");
            } catch (IOException e) {
                throw new SlopeException(png + ": cannot read: " + e.getMessage(), e);
            }
        }
        sb.append("</body></html>\n");
        return sb.toString();
    }

    /** Writes {@code report.html} into the run folder and returns its path. */
    public static Path write(Path dir) {
        Path out = dir.resolve("report.html");
        AtomicFiles.write(out, html(dir).getBytes(StandardCharsets.UTF_8));
        return out;
    }

    private static String text(JsonElement e) {
        return e.isJsonPrimitive() ? e.getAsString() : e.toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
