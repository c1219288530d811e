package dev.slope.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The most memory this process has held: its peak resident set (Linux's VmHWM), for run summaries. */
public final class PeakMemory {
    private PeakMemory() {
    }

    /** Peak resident set in MiB, or -1 where the system does not say (not Linux). */
    public static long residentMiB() {
        return parse(Path.of("/proc/self/status"));
    }

    static long parse(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) / 1024; // kB
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or a format we do not know: the figure is simply missing
        }
        return -1;
    }
}
