/**
 * Data for the lessons, in plain Java (may use {@code dev.genlab.math}; no JavaFX, no ND4J).
 *
 * <ul>
 *   <li>Images: {@link dev.genlab.data.ImageDataset} (immutable, pixels in [0, 1]), read from
 *       MNIST-format IDX files by {@link dev.genlab.data.IdxReader} (found by
 *       {@link dev.genlab.data.DatasetDiscovery}), or drawn without any download by
 *       {@link dev.genlab.data.ProceduralDigits}; reshaped by {@link dev.genlab.data.Binarize}
 *       and {@link dev.genlab.data.Downsample}.</li>
 *   <li>2-D toys with exact log-density and sampling: {@link dev.genlab.data.ToyDistribution} and
 *       its registry {@link dev.genlab.data.ToyDistributions}; user-drawn points in
 *       {@link dev.genlab.data.PointSet}; training batches of 2-D points from either through
 *       {@link dev.genlab.data.DataSource2D}.</li>
 * </ul>
 * Long reads take a progress callback and a cancellation flag so that a JavaFX {@code Task} can
 * drive them; nothing here touches a UI thread.
 */
package dev.genlab.data;
