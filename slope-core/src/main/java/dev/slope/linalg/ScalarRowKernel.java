package dev.slope.linalg;

/** {@link RowKernel} in plain loops: four classes per pass over x, so each x_j is loaded once per four rows of W. */
public final class ScalarRowKernel implements RowKernel {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void scores(float[] w, int classes, int dim, float[] x, int xo, float[] out, int oo) {
        int c = 0;
        for (; c + 4 <= classes; c += 4) {
            int o0 = c * dim;
            int o1 = o0 + dim;
            int o2 = o1 + dim;
            int o3 = o2 + dim;
            float s0 = 0;
            float s1 = 0;
            float s2 = 0;
            float s3 = 0;
            for (int j = 0; j < dim; j++) {
                float xj = x[xo + j];
                s0 += w[o0 + j] * xj;
                s1 += w[o1 + j] * xj;
                s2 += w[o2 + j] * xj;
                s3 += w[o3 + j] * xj;
            }
            out[oo + c] = s0;
            out[oo + c + 1] = s1;
            out[oo + c + 2] = s2;
            out[oo + c + 3] = s3;
        }
        for (; c < classes; c++) {
            int o = c * dim;
            float s = 0;
            for (int j = 0; j < dim; j++) {
                s += w[o + j] * x[xo + j];
            }
            out[oo + c] = s;
        }
    }

    @Override
    public void accumulate(float[] g, int go, int classes, int dim, float[] x, int xo, float[] gw) {
        for (int c = 0; c < classes; c++) {
            float gc = g[go + c];
            if (gc == 0f) {
                continue;
            }
            int o = c * dim;
            for (int j = 0; j < dim; j++) {
                gw[o + j] += gc * x[xo + j];
            }
        }
    }

    @Override
    public double squares(float[] w, int from, int to) {
        return Sweeps.squares(w, from, to);
    }
}
