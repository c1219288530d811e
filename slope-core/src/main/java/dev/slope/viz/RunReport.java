package dev.slope.viz;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.slope.SlopeException;
import dev.slope.io.AtomicFiles;
import dev.slope.runfiles.RunFolder;
import dev.slope.optimize.Settings;
import dev.slope.optimize.TrainConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a run folder (written by {@code slope train --plots DIR}: {@code run.json} and the PNGs) into
 * one self-contained HTML page, images inlined, that opens anywhere without the folder. It reads like a
 * lab note: a title, the date and dataset, one line of results in percentages, the pictures, then the
 * settings that applied to the run and the run's facts.
 */
public final class RunReport {
    /** The pictures a report shows, in order, with their captions. */
    static final List<Map.Entry<String, String>> PICTURES = List.of(
            Map.entry("loss.png", "Training loss: each step's batch, the mean per epoch, and the regularization"),
            Map.entry("accuracy.png", "Accuracy per epoch, and the saved model's test accuracy"),
            Map.entry("templates.png", "Each class's weights drawn as an image: the templates W learned"),
            Map.entry("confusion.png", "Confusion matrix on the test images"),
            Map.entry("landscape-1d.png", "The loss along one random direction around the trained W"),
            Map.entry("landscape-2d.png", "The loss over two random directions around the trained W"));

    /** Facts of the run shown in its own table, with their labels. */
    static final Map<String, String> FACTS = facts();

    private RunReport() {
    }

    private static Map<String, String> facts() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("train_examples", "training images");
        m.put("val_examples", "validation images");
        m.put("test_examples", "test images");
        m.put("epochs_run", "epochs run");
        m.put("best_epoch", "epoch the model holds");
        m.put("stopped_early", "stopped early");
        m.put("steps", "steps");
        m.put("seconds", "seconds");
        m.put("final_loss", "final training loss");
        m.put("kernel", "kernel");
        m.put("data", "dataset folder");
        m.put("model", "model file");
        return m;
    }

    /**
     * The report page of a run folder.
     *
     * @throws dev.slope.SlopeException when {@code run.json} is missing, unreadable, or not what {@code slope train
     *                                  --plots} writes (a field of the wrong type, a number that is not one)
     */
    public static String html(Path dir) {
        JsonObject run = RunFolder.readSummary(dir);
        try {
            return page(dir, run);
        } catch (NumberFormatException | UnsupportedOperationException | IllegalStateException | ClassCastException
                 | NullPointerException | IndexOutOfBoundsException e) {
            String problem = e.getClass().getSimpleName() + ": " + e.getMessage();
            throw new dev.slope.SlopeException(n -> dir.resolve(RunFolder.SUMMARY) + ": not a run summary as a training run"
                    + " writes it (" + problem + "); train again with " + n.name("plots") + " " + dir, e);
        }
    }

    private static String page(Path dir, JsonObject run) {
        Map<String, Object> applied = applicableSettings(run);
        String loss = String.valueOf(applied.getOrDefault("loss", "?"));
        String dataset = text(run, "dataset", "the data");
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Slope run: ").append(escape(loss)).append(" on ").append(escape(dataset)).append("</title>\n")
                .append("<style>body{font-family:system-ui,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;")
                .append("color:#222;line-height:1.45}h1{margin-bottom:.2em}.meta{color:#555;margin-top:0}")
                .append(".summary{font-size:1.15em;background:#f3f7fb;border-left:4px solid #0072B2;padding:.6em 1em}")
                .append("table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ddd;padding:3px 10px;")
                .append("text-align:left}th{background:#fafafa;font-weight:600}")
                .append(".grid{display:grid;grid-template-columns:1fr 1fr;gap:1em}img{max-width:100%;border:1px solid #eee}")
                .append("figure{margin:0}figcaption{color:#555;font-size:.9em}</style></head><body>\n");
        sb.append("<h1>Slope run: ").append(escape(loss)).append(" on ").append(escape(dataset)).append("</h1>\n");
        sb.append("<p class=\"meta\">").append(escape(text(run, "created", "")).replace("T", " ").replace("Z", " UTC"))
                .append(" &middot; ").append(escape(text(run, "data", ""))).append("</p>\n");
        sb.append("<p class=\"summary\">").append(summary(run, applied)).append("</p>\n");
        sb.append("<div class=\"grid\">\n");
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
        sb.append("</div>\n<h2>Settings</h2>\n<p>The settings that applied to this run (others, such as the margin of"
                + " the SVM or Adam's betas, did not).</p>\n<table>\n");
        applied.forEach((k, v) -> sb.append("<tr><th>").append(escape(k)).append("</th><td>")
                .append(escape(v instanceof Double d ? Settings.shortNumber(d) : String.valueOf(v))).append("</td></tr>\n"));
        sb.append("</table>\n<h2>The run</h2>\n<table>\n");
        FACTS.forEach((key, label) -> {
            if (run.has(key)) {
                String value = key.equals("final_loss") ? String.format(Locale.ROOT, "%.4f", run.get(key).getAsDouble())
                        : text(run, key, "");
                sb.append("<tr><th>").append(escape(label)).append("</th><td>").append(escape(value)).append("</td></tr>\n");
            }
        });
        sb.append("</table>\n</body></html>\n");
        return sb.toString();
    }

    /** "Test accuracy 82.50% (validation 83.17%, training 83.76%) after 5 epochs of sgd at lr 0.3, in 0.7 s." */
    static String summary(JsonObject run, Map<String, Object> applied) {
        return String.format(Locale.ROOT, "Test accuracy <b>%s</b> (validation %s, training %s) after %s of %s at"
                        + " learning rate %s, in %.1f s.", percent(run, "test_accuracy"), percent(run, "val_accuracy"),
                percent(run, "train_accuracy"), count(run.has("epochs_run") ? run.get("epochs_run").getAsInt() : 0),
                escape(String.valueOf(applied.getOrDefault("update", "?"))), escape(String.valueOf(applied.getOrDefault("lr",
                        "?"))), run.has("seconds") ? run.get("seconds").getAsDouble() : Double.NaN);
    }

    private static String count(int epochs) {
        return epochs + (epochs == 1 ? " epoch" : " epochs");
    }

    /** The run's settings that did something, through the settings table; all of them if it cannot read them. */
    static Map<String, Object> applicableSettings(JsonObject run) {
        Map<String, Object> settings = new LinkedHashMap<>();
        if (!run.has("config") || !run.get("config").isJsonObject()) {
            return settings;
        }
        for (Map.Entry<String, JsonElement> e : run.getAsJsonObject("config").entrySet()) {
            settings.put(e.getKey(), e.getValue().isJsonPrimitive() ? e.getValue().getAsString() : e.getValue().toString());
        }
        try {
            return TrainConfig.fromJson(settings).applicableJson();
        } catch (IllegalArgumentException e) {
            return settings;
        }
    }

    private static String percent(JsonObject run, String key) {
        if (!run.has(key) || !run.get(key).isJsonPrimitive()) {
            return "n/a";
        }
        double v = run.get(key).getAsDouble();
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f%%", 100 * v);
    }

    private static String text(JsonObject run, String key, String missing) {
        if (!run.has(key)) {
            return missing;
        }
        JsonElement e = run.get(key);
        return e.isJsonPrimitive() ? e.getAsString() : e.toString();
    }

    /** Writes {@code report.html} into the run folder and returns its path. */
    public static Path write(Path dir) {
        Path out = dir.resolve("report.html");
        AtomicFiles.write(out, html(dir).getBytes(StandardCharsets.UTF_8));
        return out;
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
