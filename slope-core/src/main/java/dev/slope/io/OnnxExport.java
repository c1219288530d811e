package dev.slope.io;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import dev.slope.SlopeException;
import dev.slope.model.Classifier;
import dev.slope.model.LinearModel;
import dev.slope.model.Parameters;
import dev.slope.model.Provenance;
import dev.slope.preprocess.Pipeline;
import dev.slope.preprocess.Preprocessing;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A linear model as one ONNX graph, preprocessing included, so ONNX Runtime (Java, Python, C#, the browser) classifies
 * raw images as Slope does. Input {@code image}: uint8, N × H × W × C, the pixels as the files hold them (channels
 * last). The graph casts to float, flattens, multiplies by the pixel scale, subtracts the mean image (when the model
 * does), multiplies by Wᵀ and adds the bias (the last column of W under the bias trick, or b); outputs
 * {@code probabilities} (softmax models: Softmax over the scores) or {@code scores} (the SVMs), and {@code label}
 * (int64, ArgMax: the first of equal scores, as Slope picks). Opset 17, IR version 8 (ONNX 1.12 and later read it).
 * The model's provenance goes into {@code metadata_props}: the Slope version, the settings and the dataset as JSON,
 * the class names, the creation time.
 *
 * <p>Pipelines that compute features (HOG, histograms, bags of words) are refused by name: ONNX has no operators for
 * them. kNN models are refused too (their "weights" are the training set). The protobuf is written with the ONNX
 * schema's generated classes ({@code ai.onnx.proto.OnnxMl}, from Tribuo's {@code tribuo-util-onnx}).
 */
public final class OnnxExport {
    /** The ONNX operator set the graph uses. */
    public static final int OPSET = 17;
    /** The IR version of opset 17 (ONNX 1.12). */
    public static final int IR_VERSION = 8;

    private OnnxExport() {
    }

    /** Writes {@code model} as an ONNX file, atomically. */
    public static void save(Classifier model, Path file) {
        AtomicFiles.write(file, encode(model));
    }

    /** The ONNX bytes of {@code model}. */
    public static byte[] encode(Classifier model) {
        if (!(model instanceof LinearModel linear)) {
            throw new SlopeException("only linear models export to ONNX; a kNN model's weights are its training images"
                    + " (train a linear model with slope train)");
        }
        return graph(linear).toByteArray();
    }

    static ModelProto graph(LinearModel model) {
        Pipeline pipeline = model.pipeline();
        if (pipeline.computesFeatures()) {
            String names = pipeline.features().names();
            throw new SlopeException(n -> "this model computes the features " + names + ", which ONNX has no operators"
                    + " for; only models on pixels export (train one with " + n.name("features") + " pixels)");
        }
        Preprocessing pre = pipeline.pixels();
        Parameters p = model.parameters();
        int h = pipeline.height();
        int w = pipeline.width();
        int ch = pipeline.channels();
        int d = h * w * ch;
        int classes = model.classCount();
        GraphProto.Builder g = GraphProto.newBuilder().setName("slope_linear_classifier");
        g.addInput(tensor("image", TensorProto.DataType.UINT8, -1, h, w, ch));

        // weights: Wᵀ (D × C) and the bias (C)
        float[] wt = new float[d * classes];
        float[] bias = new float[classes];
        for (int c = 0; c < classes; c++) {
            for (int k = 0; k < d; k++) {
                wt[k * classes + c] = p.w()[c * p.dim() + k];
            }
            bias[c] = p.biasInLastColumn() ? p.w()[c * p.dim() + d] : p.b().length == 0 ? 0f : p.b()[c];
        }
        g.addInitializer(longs("flat_shape", -1, d));
        g.addInitializer(floats("pixel_scale", new float[] {pre.scale()}));
        g.addInitializer(floats("w_t", wt, d, classes));
        g.addInitializer(floats("bias", bias, classes));

        g.addNode(node("Cast", "cast", new String[] {"image"}, "image_float", AttributeProto.newBuilder().setName("to")
                .setType(AttributeProto.AttributeType.INT).setI(TensorProto.DataType.FLOAT_VALUE).build()));
        g.addNode(node("Reshape", "flatten", new String[] {"image_float", "flat_shape"}, "pixels"));
        g.addNode(node("Mul", "scale", new String[] {"pixels", "pixel_scale"}, "scaled"));
        String x = "scaled";
        if (pre.subtractsMean()) {
            g.addInitializer(floats("mean_image", pre.mean(), d));
            g.addNode(node("Sub", "subtract_mean", new String[] {"scaled", "mean_image"}, "x"));
            x = "x";
        }
        g.addNode(node("MatMul", "weights", new String[] {x, "w_t"}, "xw"));
        String scores = model.hasProbabilities() ? "scores_raw" : "scores";
        g.addNode(node("Add", "add_bias", new String[] {"xw", "bias"}, scores));
        if (model.hasProbabilities()) {
            g.addNode(node("Softmax", "softmax", new String[] {scores}, "probabilities", AttributeProto.newBuilder()
                    .setName("axis").setType(AttributeProto.AttributeType.INT).setI(1).build()));
            g.addOutput(tensor("probabilities", TensorProto.DataType.FLOAT, -1, classes));
        } else {
            g.addOutput(tensor("scores", TensorProto.DataType.FLOAT, -1, classes));
        }
        g.addNode(node("ArgMax", "label", new String[] {scores}, "label",
                AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT).setI(1).build(),
                AttributeProto.newBuilder().setName("keepdims").setType(AttributeProto.AttributeType.INT).setI(0).build()));
        g.addOutput(tensor("label", TensorProto.DataType.INT64, -1));

        ModelProto.Builder m = ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("slope")
                .setProducerVersion(Provenance.currentVersion()).setDomain("dev.slope").setModelVersion(1)
                .setDocString("A Slope linear classifier (" + model.loss().name() + ") over " + h + "x" + w + "x" + ch
                        + " uint8 images: " + String.join(", ", model.classNames()))
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(g);
        metadata(model).forEach((k, v) -> m.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return m.build();
    }

    /** What {@code metadata_props} holds: the model's provenance, keys prefixed "slope.". */
    static Map<String, String> metadata(LinearModel model) {
        Provenance p = model.provenance();
        Map<String, String> out = new LinkedHashMap<>();
        out.put("slope.version", p.slopeVersion());
        out.put("slope.classes", Json.COMPACT.toJson(model.classNames()));
        out.put("slope.loss", model.loss().name());
        out.put("slope.output", model.hasProbabilities() ? "probabilities" : "scores");
        out.put("slope.settings", Json.COMPACT.toJson(p.settings()));
        if (p.data() != null) {
            out.put("slope.data", Json.COMPACT.toJson(p.data()));
        }
        out.put("slope.kernel", p.kernel());
        out.put("slope.created", p.created());
        return out;
    }

    private static ValueInfoProto tensor(String name, TensorProto.DataType type, int... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (int dim : dims) {
            shape.addDim(dim < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("N")
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(dim));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape))).build();
    }

    private static TensorProto floats(String name, float[] values, int... dims) {
        ByteBuffer raw = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            raw.putFloat(v);
        }
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(raw.array()));
        for (int dim : dims) {
            t.addDims(dim);
        }
        return t.build();
    }

    private static TensorProto longs(String name, long... values) {
        return TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE)
                .addDims(values.length).addAllInt64Data(java.util.Arrays.stream(values).boxed().toList()).build();
    }

    private static NodeProto node(String op, String name, String[] inputs, String output, AttributeProto... attributes) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(name).addOutput(output);
        for (String in : inputs) {
            n.addInput(in);
        }
        for (AttributeProto a : attributes) {
            n.addAttribute(a);
        }
        return n.build();
    }
}
