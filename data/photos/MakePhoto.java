import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

/**
 * Makes chelsea-320x240.png from scikit-image's chelsea.png (Debian's python3-skimage; CC0, Stefan van der Walt):
 * the centre 400x300 of the 451x300 photograph, shrunk to 320x240 by area averaging, the lecture's image size.
 * Run: java MakePhoto.java [/usr/lib/python3/dist-packages/skimage/data/chelsea.png]
 */
public class MakePhoto {
    public static void main(String[] args) throws Exception {
        String from = args.length > 0 ? args[0] : "/usr/lib/python3/dist-packages/skimage/data/chelsea.png";
        BufferedImage src = ImageIO.read(new File(from));
        int x0 = (src.getWidth() - 400) / 2;
        BufferedImage crop = src.getSubimage(x0, 0, 400, 300);
        Image scaled = crop.getScaledInstance(320, 240, Image.SCALE_AREA_AVERAGING);
        BufferedImage out = new BufferedImage(320, 240, BufferedImage.TYPE_3BYTE_BGR);
        out.getGraphics().drawImage(scaled, 0, 0, null);
        ImageIO.write(out, "png", new File("chelsea-320x240.png"));
    }
}
