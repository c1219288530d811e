package dev.slope.spark.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.FieldNames;
import dev.slope.optimize.Setting;
import dev.slope.optimize.Settings;
import dev.slope.optimize.TrainConfig;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.junit.jupiter.api.Test;

/**
 * The stages' typed Params (what Spark users call: {@code reg()}, {@code setReg(1e-4)}, {@code getReg()}) are generated
 * from the one settings table into {@code SlopeSettings.java} and {@code SlopeSettingSetters.java}: this test renders
 * them again and fails when the committed files differ (a setting added, renamed or retyped in the table). To
 * regenerate: {@code mvn test -pl slope-spark -Dtest=GeneratedParamsTest -Dslope.regenerate=true}.
 */
class GeneratedParamsTest {
    private static final Path DIR = Path.of("src/main/java/dev/slope/spark/ml");
    private static final Map<Class<?>, String[]> TYPES = Map.of(
            Double.class, new String[] {"DoubleParam", "double"},
            Integer.class, new String[] {"IntParam", "int"},
            Long.class, new String[] {"LongParam", "long"},
            Boolean.class, new String[] {"BooleanParam", "boolean"},
            String.class, new String[] {"Param<String>", "String"});

    @Test
    void theCommittedParamsAreTheTablesParams() throws IOException {
        check("SlopeSettings.java", getters());
        check("SlopeSettingSetters.java", setters());
    }

    /** Each setting's Param has the type the issue names: reg a DoubleParam, epochs an IntParam, and so on. */
    @Test
    void everySettingIsATypedParamWithASetterAndAGetter() throws Exception {
        SlopeClassifier slope = new SlopeClassifier();
        for (Setting<?> s : Settings.all()) {
            String name = FieldNames.PARAMS.name(s.name());
            Param<?> p = (Param<?>) SlopeClassifier.class.getMethod(name).invoke(slope);
            assertEquals(name, p.name());
            assertEquals(slope.uid(), p.parent());
            Class<?> expected = Map.of(Double.class, DoubleParam.class, Integer.class, IntParam.class, Long.class,
                    LongParam.class, Boolean.class, BooleanParam.class, String.class, Param.class).get(s.type());
            assertEquals(expected, p.getClass(), name);
            Method setter = SlopeClassifier.class.getMethod("set" + capital(name), primitive(s.type()));
            Object dflt = TrainConfig.DEFAULTS.get(s);
            assertSame(slope, setter.invoke(slope, dflt), name);
            assertTrue(slope.isSet(p), name);
            assertEquals(dflt, slope.getOrDefault(p), name);
            Method getter = SlopeClassificationModel.class.getMethod("get" + capital(name));
            assertEquals(primitive(s.type()), getter.getReturnType(), name);
            assertTrue(slope.hasParam(name), name);
        }
        assertEquals(DoubleParam.class, slope.reg().getClass());
        assertEquals(IntParam.class, slope.epochs().getClass());
    }

    private static Class<?> primitive(Class<?> type) {
        return Map.<Class<?>, Class<?>>of(Double.class, double.class, Integer.class, int.class, Long.class, long.class,
                Boolean.class, boolean.class, String.class, String.class).get(type);
    }

    private static void check(String file, String expected) throws IOException {
        Path path = DIR.resolve(file);
        if (Boolean.getBoolean("slope.regenerate")) {
            Files.writeString(path, expected, StandardCharsets.UTF_8);
        }
        String committed = Files.exists(path) ? Files.readString(path, StandardCharsets.UTF_8) : "";
        assertEquals(expected, committed, file + " is not the settings table's: regenerate it with mvn test -pl"
                + " slope-spark -Dtest=GeneratedParamsTest -Dslope.regenerate=true");
    }

    static String capital(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static String doc(Setting<?> s) {
        String text = s.help(FieldNames.PARAMS) + " Unset: " + s.defaultText() + ".";
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("*/", "*&#47;")
                .replace("@", "&#64;");
        StringBuilder b = new StringBuilder("    /**\n");
        StringBuilder line = new StringBuilder("     *");
        for (String word : text.split(" ")) {
            if (line.length() + word.length() + 1 > 116) {
                b.append(line).append('\n');
                line = new StringBuilder("     *");
            }
            line.append(' ').append(word);
        }
        return b.append(line).append("\n     */\n").toString();
    }

    private static String header(String javadoc, String declaration) {
        return "package dev.slope.spark.ml;\n\n"
                + "import org.apache.spark.ml.param.BooleanParam;\n"
                + "import org.apache.spark.ml.param.DoubleParam;\n"
                + "import org.apache.spark.ml.param.IntParam;\n"
                + "import org.apache.spark.ml.param.LongParam;\n"
                + "import org.apache.spark.ml.param.Param;\n"
                + "import org.apache.spark.ml.param.Params;\n\n"
                + "// Generated from slope-core's settings table (dev.slope.optimize.Settings) by GeneratedParamsTest: do\n"
                + "// not edit; regenerate with mvn test -pl slope-spark -Dtest=GeneratedParamsTest -Dslope.regenerate=true\n"
                + javadoc + declaration + " {\n";
    }

    static String getters() {
        StringBuilder b = new StringBuilder(header("""
                /**
                 * Every setting of a Slope training run as a Spark ML Param: the Param ({@code reg()}, for a
                 * {@code ParamGridBuilder}) and its value ({@code getReg()}: the value set, or Slope's default rule given
                 * the others, as on the command line).
                 */
                """, "public interface SlopeSettings extends Params"));
        for (Setting<?> s : Settings.all()) {
            String name = FieldNames.PARAMS.name(s.name());
            String[] t = TYPES.get(s.type());
            String boxed = s.type().getSimpleName();
            b.append('\n').append(doc(s));
            b.append(String.format(Locale.ROOT, "    default %s %s() {%n        return (%s) (Param<?>) getParam(\"%s\");%n"
                    + "    }%n", t[0], name, t[0], name));
            b.append(String.format(Locale.ROOT, "%n    /** {@link #%s()}: the value set, or Slope's default. */%n"
                    + "    default %s get%s() {%n        return ParamTable.resolved(this, \"%s\", %s.class);%n    }%n",
                    name, t[1], capital(name), s.name(), boxed));
        }
        return b.append("}\n").toString();
    }

    static String setters() {
        StringBuilder b = new StringBuilder(header("""
                /**
                 * Setters for every setting of a Slope training run, each checking its value as the settings table does
                 * (a bad value is refused when it is set, in Params' names).
                 *
                 * @param <T> the stage, returned for chaining
                 */
                """, "public interface SlopeSettingSetters<T extends Params> extends SlopeSettings"));
        for (Setting<?> s : Settings.all()) {
            String name = FieldNames.PARAMS.name(s.name());
            String[] t = TYPES.get(s.type());
            b.append(String.format(Locale.ROOT, "%n    /** Sets {@link #%s()}. */%n    default T set%s(%s value) {%n"
                    + "        return ParamTable.set(this, \"%s\", value);%n    }%n", name, capital(name), t[1], s.name()));
        }
        return b.append("}\n").toString().replace("import org.apache.spark.ml.param.BooleanParam;\n"
                + "import org.apache.spark.ml.param.DoubleParam;\n"
                + "import org.apache.spark.ml.param.IntParam;\n"
                + "import org.apache.spark.ml.param.LongParam;\n"
                + "import org.apache.spark.ml.param.Param;\n", "");
    }
}
