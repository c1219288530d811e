package dev.slope.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeakMemoryTest {
    @Test
    void readsThePeakResidentSetOfAStatusFile(@TempDir Path dir) throws Exception {
        Path status = dir.resolve("status");
        Files.writeString(status, "Name:\tjava\nVmPeak:\t 9000000 kB\nVmHWM:\t  524288 kB\nVmRSS:\t  100 kB\n");
        assertEquals(512, PeakMemory.parse(status));
        Files.writeString(status, "Name:\tjava\n");
        assertEquals(-1, PeakMemory.parse(status), "no VmHWM line");
        assertEquals(-1, PeakMemory.parse(dir.resolve("missing")));
    }

    @Test
    void thisProcessHasAPeak() {
        if (Files.isReadable(Path.of("/proc/self/status"))) {
            assertTrue(PeakMemory.residentMiB() > 10, "a JVM holds more than 10 MiB");
        }
    }
}
