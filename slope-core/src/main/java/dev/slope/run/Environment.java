package dev.slope.run;

import dev.slope.model.Provenance;
import dev.slope.preprocess.FeatureCache;
import java.util.Map;
import java.util.Properties;

/**
 * What a program's environment says to Slope, handed over once by its main (the CLI's, the web server's,
 * {@code spark-submit}'s): {@code SOURCE_DATE_EPOCH} (the creation time written into models) and
 * {@code SLOPE_FEATURE_CACHE} or {@code -Dslope.featureCache} (where computed features are kept). Core reads no
 * environment variable or system property deep inside; a library user who calls nothing here gets the clock's time
 * and no cache. ({@code -Dslope.kernel=scalar}, a JVM-wide switch like {@code -Xmx}, is read where the kernels are
 * chosen, once per process: {@code linalg.Lanes}.)
 */
public final class Environment {
    private Environment() {
    }

    /** Applies the environment's and the system properties' settings to this process. */
    public static void adopt(Map<String, String> env, Properties properties) {
        Provenance.useSourceDateEpoch(env.get("SOURCE_DATE_EPOCH"));
        FeatureCache.use(FeatureCache.configured(properties.getProperty(FeatureCache.PROPERTY), env));
    }

    /** {@link #adopt} with this process's environment and system properties: the first line of a main. */
    public static void adopt() {
        adopt(System.getenv(), System.getProperties());
    }
}
