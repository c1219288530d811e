package dev.slope.bench;

import dev.slope.preprocess.ConcentricCircles;
import dev.slope.viz.CirclesPicture;
import dev.slope.viz.Png;
import java.nio.file.Path;

/** Draws the lecture's polar-coordinates example (docs/circles.png). Usage: CirclesDemo OUT.png */
public final class CirclesDemo {
    private CirclesDemo() {
    }

    public static void main(String[] args) {
        Png.write(CirclesPicture.render(ConcentricCircles.generate(400, 3)), Path.of(args[0]));
    }
}
