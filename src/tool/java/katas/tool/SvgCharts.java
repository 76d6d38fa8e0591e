package katas.tool;

import java.awt.Rectangle;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.text.TextUtils;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/** JFreeChart drawn as inline SVG, the same way for every page the tool writes. */
public final class SvgCharts {

    static {
        // Fonts and their metrics only: no window, no dock icon.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        // Turned labels (a vertical axis's) as SVG text too, not glyph outlines: readable, searchable.
        TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    private SvgCharts() {}

    /** The chart as an {@code <svg>} element with this id, scaling to its container. */
    public static String svg(String id, JFreeChart chart, int width, int height) {
        SVGGraphics2D svg = new SVGGraphics2D(width, height);
        chart.draw(svg, new Rectangle(0, 0, width, height));
        return svg.getSVGElement(id, true, new ViewBox(0, 0, width, height), null, null);
    }
}
