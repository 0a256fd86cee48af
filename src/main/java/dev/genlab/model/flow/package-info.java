/**
 * 2-D normalizing flows for the lesson "Change of variables": a {@link dev.genlab.model.flow.Base2D}
 * pushed through a {@link dev.genlab.model.flow.Flow}, a list of {@link
 * dev.genlab.model.flow.FlowLayer}s the student adds, removes and reorders: {@link
 * dev.genlab.model.flow.LinearLayer} (four sliders, singular matrices refused), {@link
 * dev.genlab.model.flow.LuLinearLayer} (Glow's LU map, also the coordinate swap), {@link
 * dev.genlab.model.flow.PlanarLayer} and {@link dev.genlab.model.flow.RadialLayer} (Rezende &amp;
 * Mohamed 2015, defined in the normalizing direction, sampled by an exact 1-D solve and a closed-form
 * root), and {@link dev.genlab.model.flow.AffineCoupling} (RealNVP, its s, t network in plain Java
 * for small batches and one ND4J gemm per layer for the density grid).
 *
 * <p>Everything is batched over plain {@code double[]}: sampling (z → x) and inference (x → z) with
 * per-point log-dets, the analytic 2 × 2 Jacobian, density grids, the warped grid and every cell's
 * area before and after, the layer-by-layer {@link dev.genlab.model.flow.Flow.Trace} in both
 * directions, and a maximum-likelihood training step with hand-written back-propagation and Adam.
 * The scene's {@code FlowLab} trains a flow on batches from a toy distribution or drawn points
 * ({@link dev.genlab.data.DataSource2D}). A flow without coupling layers is plain Java and may
 * be used from any one thread (the analytic view redraws it on the JavaFX thread within a frame); a
 * flow with coupling layers keeps scratch buffers and ND4J arrays and belongs to its trainer thread.
 */
package dev.genlab.model.flow;
