package dev.slope;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * The independent references some tests compare with, which come from Debian packages (scikit-image's golden values
 * and photographs, the full Fashion-MNIST, Chromium and ChromeDriver). Without them a test skips on a developer's
 * machine, saying so in one line, but fails when the environment variable {@code CI} is set: a green CI means the
 * README's claims were checked, never that their evidence was missing. {@code .ci/run} sets {@code CI} and installs
 * the packages.
 */
public final class References {
    private References() {
    }

    /**
     * Goes on when {@code present}; otherwise fails under CI, else skips the test.
     *
     * @param what     what is missing ("scikit-image's HOG golden values")
     * @param packages the Debian packages that bring it ("python3-skimage")
     */
    public static void require(boolean present, String what, String packages) {
        if (present) {
            return;
        }
        String missing = what + " missing (apt-get install " + packages + ")";
        if (ci()) {
            fail("CI is set, so this test may not skip: " + missing);
        }
        System.err.println("skipped: " + missing);
        Assumptions.abort(missing);
    }

    /** True when the environment variable CI is set to anything but empty, "false" or "0". */
    public static boolean ci() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false") && !ci.equals("0");
    }
}
