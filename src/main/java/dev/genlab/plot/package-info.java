/**
 * Canvas figures shared by every lesson: {@link dev.genlab.plot.Plot2D} with heatmap, contour,
 * scatter, arrow and warped-grid layers, {@link dev.genlab.plot.ColorBar},
 * {@link dev.genlab.plot.LineChartPlot}, {@link dev.genlab.plot.ImageGridPlot},
 * {@link dev.genlab.plot.HistogramPlot} and {@link dev.genlab.plot.CurvePlot}.
 *
 * <p>Rules: figures live on the FX thread and draw plain Java data (arrays and records) that a
 * scene pushes in from its latest snapshot; they never compute a model and never touch ND4J.
 * A setter only marks the figure dirty; it paints once on the next layout pass, so pushing a
 * heatmap and a scatter in the same frame costs one paint. Colours come from
 * {@link dev.genlab.plot.PlotTheme#currentProperty()}; {@link dev.genlab.plot.FigureExport} turns
 * any node holding figures into a sharp PNG at 2x.
 *
 * <p>Shared pieces: {@link dev.genlab.plot.AxesFigure} owns the transform, ticks, grid, zoom, pan,
 * hover read-out and click reports for all x/y figures; {@link dev.genlab.plot.Figure} owns the
 * canvas, repaint, theme and the right-click menu for all figures.
 */
package dev.genlab.plot;
