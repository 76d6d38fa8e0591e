package katas.tool.bench;

import java.awt.Color;
import java.awt.Font;
import java.util.List;
import katas.tool.SvgCharts;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.ScatterRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.DefaultMultiValueCategoryDataset;

/** A lesson's chart, drawn by JFreeChart as SVG: per variant the median time as a bar, every round as a dot. */
final class BenchChart {

    private static final int WIDTH = 720;
    private static final int HEIGHT = 360;
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);

    private BenchChart() {}

    static String svg(Result result) {
        DefaultCategoryDataset medians = new DefaultCategoryDataset();
        DefaultMultiValueCategoryDataset rounds = new DefaultMultiValueCategoryDataset();
        for (Result.Variant variant : result.variants()) {
            medians.addValue(variant.medianMillis(), "median", variant.name());
            rounds.add(List.copyOf(variant.millis()), "each round", variant.name());
        }
        BarRenderer bars = new BarRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, new Color(0x2e86c1));
        bars.setMaximumBarWidth(0.25);
        ScatterRenderer dots = new ScatterRenderer();
        dots.setSeriesPaint(0, new Color(0x1b2631));
        dots.setUseSeriesOffset(false);

        NumberAxis millis = new NumberAxis("milliseconds");
        CategoryAxis variants = new CategoryAxis("variant");
        for (var axis : List.of(millis, variants)) {
            axis.setLabelFont(LABEL);
            axis.setTickLabelFont(LABEL);
        }
        CategoryPlot plot = new CategoryPlot(medians, variants, millis, bars);
        plot.setDataset(1, rounds);
        plot.setRenderer(1, dots);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xd0d4d8));
        plot.setOutlineVisible(false);

        JFreeChart chart = new JFreeChart(null, null, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(
                new TextTitle(result.lesson().id() + " — " + result.lesson().claim(), LABEL));
        chart.getLegend().setPosition(RectangleEdge.BOTTOM);
        chart.getLegend().setItemFont(LABEL);
        chart.getLegend().setFrame(BlockBorder.NONE);
        return SvgCharts.svg(result.lesson().id() + "-chart", chart, WIDTH, HEIGHT);
    }
}
