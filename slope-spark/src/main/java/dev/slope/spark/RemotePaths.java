package dev.slope.spark;

import dev.slope.SlopeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@code --data}, {@code --out} and {@code --plots} of spark-train given as Hadoop URIs ({@code hdfs://},
 * {@code s3a://}, {@code file://}, any file system the cluster's Hadoop reads), so a driver in cluster deploy mode
 * reads its data from and leaves its model on shared storage, not inside its container. The data is fetched to a
 * local folder before the run; the model and pictures are written locally and copied to their URIs after the run
 * succeeded (a failed run leaves nothing there). Plain paths pass through untouched.
 */
final class RemotePaths implements AutoCloseable {
    private static final Pattern URI = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*");
    private static final List<String> OPTIONS = List.of("--data", "--out", "--plots");

    private final String[] args;
    private final java.nio.file.Path local;
    private final List<String[]> uploads; // {local path, URI}
    private final Supplier<Configuration> conf;

    private RemotePaths(String[] args, java.nio.file.Path local, List<String[]> uploads, Supplier<Configuration> conf) {
        this.args = args;
        this.local = local;
        this.uploads = uploads;
        this.conf = conf;
    }

    /**
     * The arguments with each URI of {@code --data}, {@code --out} and {@code --plots} replaced by a local path, the
     * data fetched.
     *
     * @throws SlopeException naming the option and the URI when it cannot be read
     */
    static RemotePaths of(String[] args, Supplier<Configuration> conf) {
        String[] out = args.clone();
        java.nio.file.Path local = null;
        List<String[]> uploads = new ArrayList<>();
        for (int i = 0; i < out.length; i++) {
            String option = null;
            String value = null;
            boolean joined = false;
            for (String o : OPTIONS) {
                if (out[i].equals(o) && i + 1 < out.length) {
                    option = o;
                    value = out[i + 1];
                } else if (out[i].startsWith(o + "=")) {
                    option = o;
                    value = out[i].substring(o.length() + 1);
                    joined = true;
                }
            }
            if (option == null || !URI.matcher(value).matches()) {
                continue;
            }
            String uri = value;
            try {
                if (local == null) {
                    local = Files.createTempDirectory("slope-spark-");
                }
                Path remote = new Path(value);
                java.nio.file.Path here = local.resolve(option.substring(2)).resolve(remote.getName().isEmpty() ? "x"
                        : remote.getName());
                Files.createDirectories(here.getParent());
                if (option.equals("--data")) {
                    FileSystem fs = remote.getFileSystem(conf.get());
                    if (!fs.exists(remote)) {
                        throw new SlopeException(n -> n.name("data") + " " + uri + ": no such file or folder");
                    }
                    fs.copyToLocalFile(false, remote, new Path(here.toUri()), true);
                } else {
                    remote.getFileSystem(conf.get()); // an unknown scheme is named now, not after the run
                    uploads.add(new String[] {here.toString(), value});
                }
                if (joined) {
                    out[i] = option + "=" + here;
                } else {
                    out[i + 1] = here.toString();
                }
            } catch (IOException | RuntimeException e) {
                delete(local);
                if (e instanceof SlopeException s) {
                    throw s;
                }
                String name = option.substring(2);
                throw new SlopeException(n -> n.name(name) + " " + uri + ": " + SparkTrain.firstLine(e));
            }
        }
        return new RemotePaths(out, local, uploads, conf);
    }

    /** The arguments to run with: local paths for the URIs. */
    String[] args() {
        return args;
    }

    /** The text a run printed, with each local stand-in named by its URI. */
    String named(String text) {
        String t = text;
        for (String[] u : uploads) {
            t = t.replace(u[0], u[1]);
        }
        return t;
    }

    /**
     * Copies what the run wrote locally to its URIs.
     *
     * @throws SlopeException naming the URI that could not be written
     */
    void publish() {
        for (String[] u : uploads) {
            if (!Files.exists(java.nio.file.Path.of(u[0]))) {
                continue; // the run wrote nothing there (no pictures asked for, say)
            }
            try {
                Path remote = new Path(u[1]);
                remote.getFileSystem(conf.get()).copyFromLocalFile(false, true, new Path(java.nio.file.Path.of(u[0])
                        .toUri()), remote);
            } catch (IOException | RuntimeException e) {
                throw new SlopeException("cannot copy " + u[0] + " to " + u[1] + ": " + SparkTrain.firstLine(e));
            }
        }
    }

    @Override
    public void close() {
        delete(local);
    }

    private static void delete(java.nio.file.Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<java.nio.file.Path> all = Files.walk(folder)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
