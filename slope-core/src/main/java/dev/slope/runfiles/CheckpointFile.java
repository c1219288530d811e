package dev.slope.runfiles;

import dev.slope.io.Crc32Trailer;
import dev.slope.io.Json;
import dev.slope.io.ModelFile;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.slope.SlopeException;
import dev.slope.data.DataFormatException;
import dev.slope.learn.History;
import dev.slope.learn.TrainingListener.EpochReport;
import dev.slope.loss.Loss;
import dev.slope.model.LinearModel;
import dev.slope.model.Provenance;
import dev.slope.optimize.EarlyStopping;
import dev.slope.optimize.GradientTrainer;
import dev.slope.preprocess.Dataset;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A training run's checkpoint: where the run stood after an epoch ({@link GradientTrainer.Checkpoint}) and how to start
 * it again ({@link Restart}), in a {@link CheckpointStore} (a folder). Writing one costs the size of the model plus the
 * steps run since the previous one, however long the run: the step history is kept in segments, each holding what
 * was recorded since the segment before, and the checkpoint file names how many segments are its own.
 *
 * <p>A save writes the new segment, then replaces {@value #NAME}; both are written whole or not at all, and a segment's
 * name carries its run's id, so a kill at any moment leaves the previous checkpoint readable, even one of another run
 * in the same folder (a segment written before the kill but not yet named by the checkpoint file is written again by
 * the next save; another run's segments are removed once the new checkpoint file names none of them). The new steps are
 * read in place and the bytes made and written on a thread of the writer's own while the run goes on: one more thread,
 * busy for the encoding (about a millisecond per megabyte) and then waiting on the disk.
 *
 * <p>{@value #NAME}:
 * <pre>
 *   offset 0   8 bytes   "SLOPECKP"
 *   offset 8   int32     format version ({@value #VERSION})
 *   offset 12  int32     H; then H bytes of UTF-8 JSON: run_id, epochs_done, global_step, settings, data, data_options,
 *                        out, every, history (segments, steps, epochs: how many of each the checkpoint's history has),
 *                        early_stopping (null, or the best epoch's report and the epochs since it)
 *              int32     M; then M bytes: the weights as a model file ({@link ModelFile})
 *              int32     U; then U bytes: the update rule's state ({@link UpdateRuleStates})
 *              int32     B; then B bytes: early stopping's best weights as a model file (B = 0 without them)
 *   end − 4    int32     CRC-32 of every byte before it
 * </pre>
 * {@code history-RRRRRRRRRRRRRRRR-NNNNNN.bin}, segment N (from 1) of the run whose id is R (16 hex digits):
 * <pre>
 *   offset 0   8 bytes   "SLOPEHST"
 *   offset 8   int32     format version ({@value #VERSION})
 *   offset 12  int64     the run's id (the checkpoint file's run_id)
 *   offset 20  int32     N
 *   offset 24  int64     steps recorded before this segment
 *   offset 32  int32     epochs recorded before this segment
 *   offset 36  int32     S, steps in this segment
 *   offset 40  int32     E, epochs in this segment
 *   offset 44            the steps by column: S int32 epochs, S float64 losses, S penalties, S rates, S gradient norms;
 *                        then E times: int32 epoch, int32 epochs, float64 mean loss, training accuracy, validation
 *                        accuracy, validation loss, seconds
 *   end − 4    int32     CRC-32 of every byte before it
 * </pre>
 * Big-endian. Every length is checked against the bytes there are before anything is allocated.
 */
public final class CheckpointFile {
    public static final int VERSION = 2;
    /** The checkpoint file's name inside a checkpoint folder. */
    public static final String NAME = "checkpoint.slope";
    static final byte[] MAGIC = "SLOPECKP".getBytes(StandardCharsets.US_ASCII);
    static final byte[] SEGMENT_MAGIC = "SLOPEHST".getBytes(StandardCharsets.US_ASCII);
    static final String SEGMENT_PREFIX = "history-";
    static final int SEGMENT_HEAD = 44;
    static final int STEP_BYTES = 4 + 4 * 8;
    static final int EPOCH_BYTES = 4 + 4 + 5 * 8;
    /** The most bytes one file of a checkpoint may hold (a Java array's limit). */
    static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    private CheckpointFile() {
    }

    /**
     * How to start a run again.
     *
     * @param settings    the run's typed settings ({@code TrainConfig.toJson()})
     * @param data        the dataset's folder
     * @param dataOptions how the front end read it (e.g. image folders' size and colour), by its own names
     * @param out         where the model goes
     * @param every       epochs between checkpoints
     */
    public record Restart(Map<String, Object> settings, Path data, Map<String, String> dataOptions, Path out, int every) {
        public Restart {
            settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings)); // in the table's order
            dataOptions = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(dataOptions));
        }
    }

    /**
     * What a checkpoint holds: the run's position and how it was started.
     *
     * @param model    the checkpoint's weights with the run's pipeline, loss and provenance
     * @param runId    the run's id, which its history segments carry
     * @param segments how many history segments are the checkpoint's
     */
    public record Saved(GradientTrainer.Checkpoint checkpoint, LinearModel model, Restart restart, long runId,
                        int segments) {
    }

    /** The name of history segment {@code n} (from 1) of run {@code runId}. */
    static String segmentName(long runId, int n) {
        return String.format(Locale.ROOT, "%s%016x-%06d.bin", SEGMENT_PREFIX, runId, n);
    }

    /**
     * Writes one run's checkpoints into a store. Each {@link #save} writes only what is new since the previous one: the
     * steps and epochs recorded since then (one segment) and the weights and states (the checkpoint file). The bytes
     * are made and written on the writer's thread, one checkpoint at a time (a save waits for the one before to be on
     * disk). {@link #close} waits for the last. A failed write is thrown by the next call, and by every call after it:
     * a writer that failed once saves nothing more (its next segment would name one that is not there).
     */
    public static final class Writer implements AutoCloseable {
        private final CheckpointStore store;
        private final Restart restart;
        private final long runId;
        private int segments;
        private int stepsWritten;
        private int epochsWritten;
        private final java.util.concurrent.atomic.AtomicLong bytesWritten = new java.util.concurrent.atomic.AtomicLong();
        private java.util.concurrent.ExecutorService disk;
        private java.util.concurrent.Future<?> pending;
        private RuntimeException failed;

        /** A new run's checkpoints; the first save removes the segments other runs left in the store. */
        public Writer(CheckpointStore store, Restart restart) {
            this(store, restart, ThreadLocalRandom.current().nextLong(), 0, 0, 0);
        }

        private Writer(CheckpointStore store, Restart restart, long runId, int segments, int steps, int epochs) {
            this.store = store;
            this.restart = restart;
            this.runId = runId;
            this.segments = segments;
            this.stepsWritten = steps;
            this.epochsWritten = epochs;
        }

        /** The checkpoints of a run resumed from {@code saved}: its history goes on after the saved segments. */
        public static Writer continuing(CheckpointStore store, Saved saved) {
            History h = saved.checkpoint().history();
            return new Writer(store, saved.restart(), saved.runId(), saved.segments(), h.steps(), h.epochCount());
        }

        public Restart restart() {
            return restart;
        }

        /**
         * Saves {@code c}, whose weights {@code model} holds (with the run's pipeline, loss and provenance); its history
         * must be the one the previous saves wrote, with more recorded.
         */
        public void save(GradientTrainer.Checkpoint c, LinearModel model) {
            History h = c.history();
            if (h.steps() < stepsWritten || h.epochCount() < epochsWritten) {
                throw new IllegalStateException("the history has " + h.steps() + " steps, fewer than the " + stepsWritten
                        + " already saved");
            }
            // the new steps are read in place (a history only grows), the rest of the checkpoint is copies already:
            // the bytes are made and written on the writer's thread while the run goes on
            Segment segment = Segment.of(runId, segments + 1, h, stepsWritten, epochsWritten);
            int n = segments + 1;
            int steps = h.steps();
            int epochs = h.epochCount();
            awaitPending();
            if (disk == null) {
                disk = java.util.concurrent.Executors.newSingleThreadExecutor(task -> {
                    Thread t = new Thread(task, "slope-checkpoints");
                    t.setDaemon(true);
                    return t;
                });
            }
            pending = disk.submit(() -> {
                byte[] bytes = segment.encode();
                store.write(segmentName(runId, n), bytes);
                byte[] main = encode(c, steps, epochs, model, restart, runId, n);
                store.write(NAME, main);
                bytesWritten.addAndGet(bytes.length + main.length);
                if (n == 1) {
                    // segments other runs left in this folder: the checkpoint file names none of them now
                    String own = String.format(Locale.ROOT, "%s%016x-", SEGMENT_PREFIX, runId);
                    for (String name : store.names()) {
                        if (name.startsWith(SEGMENT_PREFIX) && name.endsWith(".bin") && !name.startsWith(own)) {
                            store.delete(name);
                        }
                    }
                }
            });
            segments++;
            stepsWritten = h.steps();
            epochsWritten = h.epochCount();
        }

        /** Waits for the checkpoint being written; throws what its writing threw (now and on every later call). */
        private void awaitPending() {
            if (failed != null) {
                throw failed;
            }
            if (pending == null) {
                return;
            }
            try {
                pending.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SlopeException("interrupted while the checkpoint in " + store.location() + " was written", e);
            } catch (java.util.concurrent.ExecutionException e) {
                failed = e.getCause() instanceof RuntimeException r ? r : new SlopeException("cannot write the"
                        + " checkpoint in " + store.location() + ": " + e.getCause(), e.getCause());
                throw failed;
            } finally {
                pending = null;
            }
        }

        /** Waits until the last checkpoint is on disk (throwing what its writing threw) and stops the writer's thread. */
        @Override
        public void close() {
            try {
                awaitPending();
            } finally {
                if (disk != null) {
                    disk.shutdown();
                    disk = null;
                }
            }
        }

        /**
         * A trainer's sink that saves each checkpoint with its weights as a model of {@code train}'s classes and
         * pipeline, {@code loss}, the run's settings and {@code kernel} (the one the run computes with).
         */
        public GradientTrainer.CheckpointSink sink(Dataset train, Loss loss, String kernel) {
            return c -> save(c, new LinearModel(train.classNames(), train.pipeline(), c.parameters(), loss,
                    Provenance.now(restart.settings(), train.source(), kernel)));
        }

        /** Bytes this writer's saves wrote so far (the checkpoint files and the segments). */
        public long bytesWritten() {
            return bytesWritten.get();
        }
    }

    /** The checkpoint file of {@code c}, whose history held {@code steps} and {@code epochs} when it was saved. */
    static byte[] encode(GradientTrainer.Checkpoint c, int steps, int epochs, LinearModel model, Restart restart,
                         long runId, int segments) {
        JsonObject h = new JsonObject();
        h.addProperty("format", "slope-checkpoint");
        h.addProperty("run_id", Long.toHexString(runId));
        h.addProperty("epochs_done", c.epochsDone());
        h.addProperty("global_step", c.globalStep());
        h.add("settings", Json.COMPACT.toJsonTree(restart.settings()));
        h.addProperty("data", restart.data().toAbsolutePath().normalize().toString());
        h.add("data_options", Json.COMPACT.toJsonTree(restart.dataOptions()));
        h.addProperty("out", restart.out().toAbsolutePath().normalize().toString());
        h.addProperty("every", restart.every());
        JsonObject hist = new JsonObject();
        hist.addProperty("segments", segments);
        hist.addProperty("steps", steps);
        hist.addProperty("epochs", epochs);
        h.add("history", hist);
        EarlyStopping.State stopping = c.stopping();
        byte[] best = new byte[0];
        if (stopping == null) {
            h.add("early_stopping", com.google.gson.JsonNull.INSTANCE);
        } else {
            JsonObject s = new JsonObject();
            s.add("best", Json.COMPACT.toJsonTree(stopping.bestReport()));
            s.addProperty("since_best", stopping.sinceBest());
            h.add("early_stopping", s);
            best = ModelFile.encode(new LinearModel(model.classNames(), model.pipeline(), stopping.best(), model.loss(),
                    model.provenance()));
        }
        byte[] header = Json.COMPACT.toJson(h).getBytes(StandardCharsets.UTF_8);
        byte[] weights = ModelFile.encode(model);
        byte[] rule = UpdateRuleStates.encode(c.rule());
        ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(MAGIC.length + 4L + 4 + header.length + 4 + weights.length
                + 4 + rule.length + 4 + best.length + 4));
        buf.put(MAGIC).putInt(VERSION).putInt(header.length).put(header).putInt(weights.length).put(weights)
                .putInt(rule.length).put(rule).putInt(best.length).put(best);
        Crc32Trailer.append(buf);
        return buf.array();
    }

    /** A history segment's content: the steps from {@code fromStep} and the epochs from {@code fromEpoch}. */
    record Segment(long runId, int n, long fromStep, int fromEpoch, History.StepRange steps, List<EpochReport> epochs) {
        static Segment of(long runId, int n, History h, int fromStep, int fromEpoch) {
            List<EpochReport> epochs = new java.util.ArrayList<>();
            for (int i = fromEpoch; i < h.epochCount(); i++) {
                epochs.add(h.epoch(i));
            }
            return new Segment(runId, n, fromStep, fromEpoch, h.range(fromStep, h.steps()), epochs);
        }

        byte[] encode() {
            int steps = this.steps.size();
            int from = this.steps.from();
            ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(SEGMENT_HEAD + (long) STEP_BYTES * steps
                    + (long) EPOCH_BYTES * epochs.size() + 4));
            buf.put(SEGMENT_MAGIC).putInt(VERSION).putLong(runId).putInt(n).putLong(fromStep).putInt(fromEpoch)
                    .putInt(steps).putInt(epochs.size());
            buf.asIntBuffer().put(this.steps.epochs(), from, steps);
            buf.position(buf.position() + 4 * steps);
            for (double[] column : new double[][] {this.steps.losses(), this.steps.penalties(), this.steps.rates(),
                    this.steps.gradientNorms()}) {
                buf.asDoubleBuffer().put(column, from, steps);
                buf.position(buf.position() + 8 * steps);
            }
            for (EpochReport e : epochs) {
                buf.putInt(e.epoch()).putInt(e.epochs()).putDouble(e.meanLoss()).putDouble(e.trainAccuracy())
                        .putDouble(e.validationAccuracy()).putDouble(e.validationLoss()).putDouble(e.seconds());
            }
            Crc32Trailer.append(buf);
            return buf.array();
        }
    }

    /**
     * Adds segment {@code n} of run {@code runId}, whose bytes are {@code bytes}, to {@code history}, which must hold
     * exactly what the segments before it recorded; {@code file} names it in errors.
     */
    public static void decodeSegment(Path file, byte[] bytes, long runId, int n, History history) {
        if (bytes.length < SEGMENT_HEAD + 4
                || !java.util.Arrays.equals(bytes, 0, SEGMENT_MAGIC.length, SEGMENT_MAGIC, 0, SEGMENT_MAGIC.length)) {
            throw new DataFormatException(file, 0, "not a Slope checkpoint's history segment: it should start with"
                    + " \"SLOPEHST\"");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        buf.position(SEGMENT_MAGIC.length);
        int version = buf.getInt();
        if (version != VERSION) {
            throw new DataFormatException(file, 8, "history segment version " + version + ", but this Slope reads version "
                    + VERSION);
        }
        Crc32Trailer.verify(file, bytes, "history segment", "");
        long id = buf.getLong();
        int number = buf.getInt();
        if (id != runId || number != n) {
            throw new DataFormatException(file, 12, "this segment is number " + number + " of run " + Long.toHexString(id)
                    + ", but the checkpoint needs number " + n + " of run " + Long.toHexString(runId) + ": another run"
                    + " wrote into this checkpoint folder; resume from a folder only one run writes to, or train anew");
        }
        long fromStep = buf.getLong();
        int fromEpoch = buf.getInt();
        if (fromStep != history.steps() || fromEpoch != history.epochCount()) {
            throw new DataFormatException(file, 24, "the segment starts after step " + fromStep + " and epoch " + fromEpoch
                    + ", but the segments before it hold " + history.steps() + " steps and " + history.epochCount()
                    + " epochs");
        }
        int steps = buf.getInt();
        int epochs = buf.getInt();
        if (steps < 0 || epochs < 0
                || SEGMENT_HEAD + (long) STEP_BYTES * steps + (long) EPOCH_BYTES * epochs + 4 != bytes.length) {
            throw new DataFormatException(file, 36, steps + " steps and " + epochs + " epochs do not fill the segment's "
                    + bytes.length + " bytes");
        }
        int[] epochOf = new int[steps];
        buf.asIntBuffer().get(epochOf);
        buf.position(buf.position() + 4 * steps);
        double[][] columns = new double[4][steps];
        for (double[] column : columns) {
            buf.asDoubleBuffer().get(column);
            buf.position(buf.position() + 8 * steps);
        }
        history.addSteps(epochOf, columns[0], columns[1], columns[2], columns[3]);
        for (int i = 0; i < epochs; i++) {
            history.onEpoch(new EpochReport(buf.getInt(), buf.getInt(), buf.getDouble(), buf.getDouble(), buf.getDouble(),
                    buf.getDouble(), buf.getDouble()));
        }
    }

    /** Reads the checkpoint in {@code store}, with the history of all its segments. */
    public static Saved load(CheckpointStore store) {
        byte[] bytes = store.read(NAME, MAX_BYTES);
        if (bytes == null) {
            throw new SlopeException(n -> "no checkpoint in " + store.location() + " (expected " + NAME + " there, written by"
                    + " a training run given " + n.name("checkpoint") + " " + store.location() + ")");
        }
        return decode(store, bytes);
    }

    /** Reads the checkpoint in the folder {@code dir}. */
    public static Saved load(Path dir) {
        return load(CheckpointStore.folder(dir));
    }

    /** Parses {@value #NAME}'s {@code bytes} and reads the segments it names from {@code store}. */
    public static Saved decode(CheckpointStore store, byte[] bytes) {
        Path file = Path.of(store.location(), NAME);
        if (bytes.length < MAGIC.length + 4 + 4 + 4 + 4 + 4 + 4
                || !java.util.Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new DataFormatException(file, 0, "not a Slope checkpoint: it should start with \"SLOPECKP\"");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        buf.position(MAGIC.length);
        int version = buf.getInt();
        if (version != VERSION) {
            throw new DataFormatException(file, 8, "checkpoint format version " + version + ", but this Slope reads version "
                    + VERSION + (version == 1 ? " (a checkpoint of an earlier Slope: train anew)" : ""));
        }
        Crc32Trailer.verify(file, bytes, "checkpoint", "");
        byte[] header = part(file, buf, bytes.length - 4, "header");
        byte[] weights = part(file, buf, bytes.length - 4, "weights");
        byte[] rule = part(file, buf, bytes.length - 4, "update-rule state");
        byte[] best = part(file, buf, bytes.length - 4, "best weights");
        if (buf.position() != bytes.length - 4) {
            throw new DataFormatException(file, buf.position(), (bytes.length - 4 - buf.position())
                    + " bytes after the last part");
        }
        LinearModel model = ModelFile.decode(file, weights);
        JsonObject h;
        long runId;
        int segments;
        long steps;
        long epochs;
        Restart restart;
        EarlyStopping.State stopping = null;
        int epochsDone;
        long globalStep;
        try {
            h = JsonParser.parseString(new String(header, StandardCharsets.UTF_8)).getAsJsonObject();
            runId = Long.parseUnsignedLong(h.get("run_id").getAsString(), 16);
            JsonObject hist = h.getAsJsonObject("history");
            segments = hist.get("segments").getAsInt();
            steps = hist.get("steps").getAsLong();
            epochs = hist.get("epochs").getAsLong();
            if (segments < 0 || steps < 0 || epochs < 0) {
                throw new IllegalArgumentException("negative counts in the history");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> settings = Json.COMPACT.fromJson(h.get("settings"), LinkedHashMap.class);
            Map<String, String> dataOptions = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> e : h.getAsJsonObject("data_options").entrySet()) {
                dataOptions.put(e.getKey(), e.getValue().getAsString());
            }
            restart = new Restart(settings, Path.of(h.get("data").getAsString()), dataOptions,
                    Path.of(h.get("out").getAsString()), h.get("every").getAsInt());
            epochsDone = h.get("epochs_done").getAsInt();
            globalStep = h.get("global_step").getAsLong();
            JsonElement es = h.get("early_stopping");
            if (es != null && !es.isJsonNull()) {
                if (best.length == 0) {
                    throw new IllegalArgumentException("early stopping's state without its best weights");
                }
                EpochReport report = Json.COMPACT.fromJson(es.getAsJsonObject().get("best"), EpochReport.class);
                stopping = new EarlyStopping.State(report, ModelFile.decode(file, best).parameters(),
                        es.getAsJsonObject().get("since_best").getAsInt());
            }
        } catch (RuntimeException e) {
            if (e instanceof DataFormatException d) {
                throw d;
            }
            throw new DataFormatException(file, 16, "the checkpoint's header is not what slope train writes: " + e);
        }
        History history = new History();
        for (int n = 1; n <= segments; n++) {
            String name = segmentName(runId, n);
            byte[] segment = store.read(name, MAX_BYTES);
            if (segment == null) {
                throw new SlopeException("the checkpoint in " + store.location() + " needs its history segment " + name
                        + ", which is not there: copy the whole folder, not only " + NAME);
            }
            decodeSegment(Path.of(store.location(), name), segment, runId, n, history);
        }
        if (history.steps() != steps || history.epochCount() != epochs) {
            throw new DataFormatException(file, 16, "the checkpoint counts " + steps + " steps and " + epochs + " epochs,"
                    + " but its " + segments + " history segments hold " + history.steps() + " and "
                    + history.epochCount());
        }
        GradientTrainer.Checkpoint c = new GradientTrainer.Checkpoint(epochsDone, globalStep, model.parameters(),
                UpdateRuleStates.decode(file, rule), history, stopping);
        return new Saved(c, model, restart, runId, segments);
    }

    private static byte[] part(Path file, ByteBuffer buf, int end, String what) {
        if (end - buf.position() < 4) {
            throw new DataFormatException(file, buf.position(), "cut short before the " + what);
        }
        int length = buf.getInt();
        if (length < 0 || length > end - buf.position()) {
            throw new DataFormatException(file, buf.position() - 4, "the " + what + " claims " + length
                    + " bytes but only " + (end - buf.position()) + " are left");
        }
        byte[] out = new byte[length];
        buf.get(out);
        return out;
    }
}
