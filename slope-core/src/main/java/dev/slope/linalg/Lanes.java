package dev.slope.linalg;

/**
 * Whether Slope's kernels run on SIMD lanes: the module {@code jdk.incubator.vector} is loaded (the {@code slope}
 * launcher and the build add it) and the system property {@code slope.kernel} is not {@code scalar} (which forces the
 * plain loops, as a reference and for machines whose vectors are slow). Every kernel with a Vector API path asks here.
 */
public final class Lanes {
    /** True when the Vector API paths are taken. */
    public static final boolean ON = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"scalar".equals(System.getProperty("slope.kernel"));

    private Lanes() {
    }
}
