package katas.tool.interview;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.SimpleDateFormat;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import katas.tool.SvgCharts;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.GroupedStackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.KeyToGroupMap;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The interview pages' charts, drawn by JFreeChart as inline SVG (JFreeSVG): real text for axes and
 * legend, no script, nothing to fetch. Only the pages use this class, so the command starts without
 * loading the charting library.
 */
final class Charts {

    static final String MINUTES = "minutes";
    static final String SCORE = "score (of 100)";
    static final String BUDGET = "budget";
    static final String USED = "used";
    static final String OVER = "over";

    private static final int WIDTH = 1080;
    private static final Color GRID = new Color(0xd0d4d8);
    /** The trend's lines: distinct colours, and the default shapes of their points differ too. */
    private static final List<Color> LINES = List.of(
            new Color(0x1f77b4),
            new Color(0xff7f0e),
            new Color(0x2ca02c),
            new Color(0x9467bd),
            new Color(0x8c564b),
            new Color(0xe377c2),
            new Color(0x7f7f7f),
            new Color(0x17becf));

    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
    private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 14);

    /** One exercise's bar: its budget and the time spent on it, in minutes. */
    record Bar(String exercise, double budget, double used) {}

    private Charts() {}

    /**
     * Per exercise, its budget beside the time used: within the budget, then the part over it, stacked;
     * minutes on the value axis, the exercise ids on the other, and a legend.
     */
    static String timeAgainstBudget(String id, List<Bar> bars) {
        DefaultCategoryDataset minutes = new DefaultCategoryDataset();
        for (Bar bar : bars) {
            minutes.addValue(bar.budget(), BUDGET, bar.exercise());
            minutes.addValue(Math.min(bar.used(), bar.budget()), USED, bar.exercise());
            minutes.addValue(Math.max(0, bar.used() - bar.budget()), OVER, bar.exercise());
        }
        KeyToGroupMap sides = new KeyToGroupMap(BUDGET);
        sides.mapKeyToGroup(USED, "time");
        sides.mapKeyToGroup(OVER, "time");
        GroupedStackedBarRenderer renderer = new GroupedStackedBarRenderer();
        renderer.setSeriesToGroupMap(sides);
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.08);
        renderer.setDrawBarOutline(false);
        List<Paint> paints = List.of(new Color(0xaab2bb), new Color(0x2e86c1), new Color(0xc0392b));
        for (int series = 0; series < paints.size(); series++) {
            renderer.setSeriesPaint(series, paints.get(series));
        }
        renderer.setDefaultItemLabelGenerator(new NonZeroLabels());
        renderer.setDefaultItemLabelFont(TICK);
        renderer.setDefaultItemLabelsVisible(true);

        CategoryAxis exercises = new CategoryAxis("exercise");
        NumberAxis value = new NumberAxis(MINUTES);
        CategoryPlot plot = new CategoryPlot(minutes, exercises, value, renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
        styleAxes(exercises, value);
        value.setUpperMargin(0.12); // room for the labels at the bars' ends
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(GRID);
        plot.setOutlineVisible(false);
        return svg(id, new JFreeChart(null, null, plot, true), 160 + 70 * bars.size());
    }

    /** Score per interview over time, one line per grade and engine; the score axis runs 0 to 100. */
    static String scores(String id, List<InterviewHistory.Point> points) {
        XYSeriesCollection lines = new XYSeriesCollection();
        for (InterviewHistory.Point point : points) {
            XYSeries line;
            int index = lines.getSeriesIndex(point.series());
            if (index < 0) {
                line = new XYSeries(point.series(), true, true);
                lines.addSeries(line);
            } else {
                line = lines.getSeries(index);
            }
            line.add(point.started().toEpochMilli(), point.score());
        }
        DateAxis started = new DateAxis("interview started (UTC)");
        SimpleDateFormat format = new SimpleDateFormat("yyyy-MM-dd HH:mm", Locale.ENGLISH);
        format.setTimeZone(TimeZone.getTimeZone("UTC"));
        started.setDateFormatOverride(format);
        started.setTimeZone(TimeZone.getTimeZone("UTC"));
        started.setLowerMargin(0.05);
        started.setUpperMargin(0.05);
        started.setAutoRangeMinimumSize(Duration.ofDays(1).toMillis()); // one interview, or one day's: a day wide
        NumberAxis score = new NumberAxis(SCORE);
        score.setRange(-4, 104); // a score of 0 or 100 off the plot's edge
        score.setTickUnit(new NumberTickUnit(10));
        styleAxes(started, score);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int series = 0; series < lines.getSeriesCount(); series++) {
            renderer.setSeriesStroke(series, new BasicStroke(2.5f));
            renderer.setSeriesPaint(series, LINES.get(series % LINES.size()));
        }
        XYPlot plot = new XYPlot(lines, started, score, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setOutlineVisible(false);
        return svg(id, new JFreeChart(null, null, plot, true), 520);
    }

    private static void styleAxes(Axis... axes) {
        for (var axis : axes) {
            axis.setLabelFont(LABEL);
            axis.setTickLabelFont(TICK);
        }
    }

    private static String svg(String id, JFreeChart chart, int height) {
        chart.setBackgroundPaint(Color.WHITE);
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.TOP);
        legend.setItemFont(LABEL);
        legend.setFrame(BlockBorder.NONE);
        return SvgCharts.svg(id, chart, WIDTH, height);
    }

    /** Minutes on each bar, with one decimal; none on a bar of no length. */
    private static final class NonZeroLabels extends StandardCategoryItemLabelGenerator {
        private static final long serialVersionUID = 1L;

        NonZeroLabels() {
            super("{2}", new DecimalFormat("0.#", DecimalFormatSymbols.getInstance(Locale.ENGLISH)));
        }

        @Override
        public String generateLabel(CategoryDataset dataset, int row, int column) {
            Number value = dataset.getValue(row, column);
            return value == null || value.doubleValue() == 0 ? null : super.generateLabel(dataset, row, column);
        }
    }
}
