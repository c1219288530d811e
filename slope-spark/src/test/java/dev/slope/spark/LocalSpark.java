package dev.slope.spark;

import dev.slope.data.Datasets;
import dev.slope.data.ImageData;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/** The tests' Spark: local mode on this machine, no UI, quiet logs; and the shipped images. */
public final class LocalSpark {
    private LocalSpark() {
    }

    public static SparkConf conf(String master) {
        return new SparkConf().setMaster(master).setAppName("slope-spark-test").set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1");
    }

    /** A context on {@code master} (local[2], or local[2,4] to retry failed tasks). */
    public static JavaSparkContext context(String master) {
        JavaSparkContext sc = new JavaSparkContext(conf(master));
        sc.setLogLevel("WARN");
        return sc;
    }

    /** A session on local[2], for DataFrames. */
    public static SparkSession session() {
        SparkSession spark = SparkSession.builder().config(conf("local[2]")).getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }

    /** The shipped subset split as slope train splits it by default (a tenth held out, seed 1), pixels prepared. */
    public static dev.slope.preprocess.Splits shippedSplit() {
        ImageData data = shipped();
        return dev.slope.preprocess.Splits.prepare(dev.slope.data.DatasetInfo.of(data), data.train(), data.test(),
                dev.slope.optimize.TrainConfig.DEFAULTS.pipelineSpec(), 0.1, 1);
    }

    /** The shipped Fashion-MNIST subset. */
    public static ImageData shipped() {
        return Datasets.open(Datasets.resolve("small", Path.of("..")));
    }
}
