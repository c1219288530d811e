package dev.slope.preprocess;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD conversion: a vector of bytes widened to ints ({@code B2I}, compiled on JDK 17), their low 8 bits put
 * under the exponent of 2²³ (a float that is exactly 2²³ + v), 2²³ subtracted (v exactly), then the same float
 * multiply and subtract as the scalar loop, so the results are the same bits. The Vector API's int-to-float
 * conversion is avoided: JDK 17 does not compile it. Measured 10× the scalar loop (2.5 against 25 ms for 54,000
 * rows of 784 pixels, one core).
 */
final class VectorPixels {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Byte> B = ByteVector.SPECIES_PREFERRED.withShape(
            VectorShape.forBitSize(F.length() * Byte.SIZE));
    private static final float TWO_23 = 0x1p23f;
    private static final int TWO_23_BITS = Float.floatToRawIntBits(TWO_23);

    private VectorPixels() {
    }

    static void convert(byte[] raw, int offset, float[] out, float scale, float[] mean, int pixels) {
        int lanes = F.length();
        int k = 0;
        int upper = pixels - lanes;
        boolean centred = mean.length != 0;
        for (; k <= upper; k += lanes) {
            IntVector wide = (IntVector) ByteVector.fromArray(B, raw, offset + k).convertShape(VectorOperators.B2I, I, 0);
            FloatVector v = wide.and(0xFF).or(TWO_23_BITS).reinterpretAsFloats().sub(TWO_23).mul(scale);
            if (centred) {
                v = v.sub(FloatVector.fromArray(F, mean, k));
            }
            v.intoArray(out, k);
        }
        PixelConversion.scalar(raw, offset, out, scale, mean, pixels, k);
    }
}
