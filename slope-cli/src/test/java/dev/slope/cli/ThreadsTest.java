package dev.slope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --threads N} bounds the run's own threads in every phase (reading, features, the warm-up, training): a run in
 * a child JVM whose threads are read from Linux's {@code /proc} every 20 ms while it runs. The run's threads are the
 * main thread and Slope's ({@code slope-*}); the JVM's compilers, collectors and service threads are left out.
 */
class ThreadsTest {
    @TempDir
    Path dir;

    /** CPU seconds of each of the run's threads, by thread, and the run's wall time. */
    record Usage(Map<String, Double> cpuByThread, double wall) {
        double cpu() {
            return cpuByThread.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    Usage run(String... args) throws Exception {
        List<String> cmd = EndToEndTest.slopeCommand(args);
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(dir.resolve("err").toFile()).start();
        Path tasks = Path.of("/proc", Long.toString(p.pid()), "task");
        Map<String, long[]> last = new HashMap<>(); // by "tid name": the latest user + system ticks
        while (p.isAlive()) {
            try (var threads = Files.list(tasks)) {
                for (Path t : threads.toList()) {
                    try {
                        String stat = Files.readString(t.resolve("stat"));
                        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        last.put(t.getFileName() + " " + name, new long[] {Long.parseLong(f[11]) + Long.parseLong(f[12])});
                    } catch (IOException | RuntimeException gone) {
                        // the thread ended between the listing and the read: its last reading stands
                    }
                }
            } catch (IOException processEnded) {
                break;
            }
            Thread.sleep(20);
        }
        assertTrue(p.waitFor(10, TimeUnit.MINUTES));
        double wall = (System.nanoTime() - t0) / 1e9;
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("err")));
        Map<String, Double> mine = new HashMap<>();
        last.forEach((key, ticks) -> {
            String name = key.substring(key.indexOf(' ') + 1);
            if (name.equals("java") || name.startsWith("slope-")) {
                mine.put(key, ticks[0] / 100.0); // USER_HZ: 100 on Linux
            }
        });
        return new Usage(mine, wall);
    }

    @Test
    void oneThreadKeepsTheRunOnOneCoreAndTwoUseTwo() throws Exception {
        String[] train = {"train", "--features", "hog,pixels", "--hog-cell", "4", "--epochs", "3", "--quiet", "--out",
                "m.slope", "--threads"};
        Usage one = run(concat(train, "1"));
        // a loaded machine only lowers the share; the bar is what one busy thread cannot pass
        assertTrue(one.cpu() <= 1.15 * one.wall(), String.format("--threads 1: the run's threads took %.2f s of CPU in "
                + "%.2f s: %s", one.cpu(), one.wall(), one.cpuByThread()));
        // and no second thread of the run's work ever started: no engine thread, no warm-up beside the reading
        assertTrue(one.cpuByThread().keySet().stream().noneMatch(k -> k.endsWith(" slope-engine")
                || k.endsWith(" slope-warm-up")), "--threads 1: " + one.cpuByThread());
        Usage two = run(concat(train, "2"));
        // two threads did a real share of the work each (not a proportion of wall time: a busy machine may slow both)
        List<Double> busy = two.cpuByThread().values().stream().filter(s -> s >= 0.2 * two.cpu()).toList();
        assertTrue(busy.size() >= 2, "--threads 2: " + two.cpuByThread());
    }

    private static String[] concat(String[] a, String last) {
        String[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = last;
        return out;
    }
}
