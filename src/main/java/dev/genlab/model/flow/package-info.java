/**
 * 2-D normalizing flows for the lesson "Change of variables": a {@link dev.genlab.model.flow.Base2D}
 * pushed through a {@link dev.genlab.model.flow.Flow}, a list of {@link
 * dev.genlab.model.flow.FlowLayer}s the student adds, removes and reorders: {@link
 * dev.genlab.model.flow.LinearLayer} (four sliders, singular matrices refused), {@link
 * dev.genlab.model.flow.LuLinearLayer} (Glow's LU map, also the coordinate swap), {@link
 * dev.genlab.model.flow.PlanarLayer} and {@link dev.genlab.model.flow.RadialLayer} (Rezende &amp;
 * Mohamed 2015, defined in the normalizing direction, sampled by an exact 1-D solve and a closed-form
 * root), the coupling layers ({@link dev.genlab.model.flow.CouplingLayer}: the mask, the network in plain
 * Java for small batches and one ND4J gemm per layer for the density grid, Adam, back-propagation):
 * {@link dev.genlab.model.flow.AffineCoupling} (RealNVP) and {@link dev.genlab.model.flow.AdditiveCoupling}
 * (NICE: a shift only, volume-preserving, log-det exactly 0), and {@link dev.genlab.model.flow.ActNorm}
 * (Glow: a per-coordinate scale and bias initialised from the first training batch to zero mean and unit
 * variance; also NICE's final diagonal scaling). Glow's step is ActNorm, the LU layer (its invertible
 * 1 × 1 convolution) and a coupling.
 *
 * <p>Dequantisation (issue 15): {@link dev.genlab.model.flow.DequantFlow} is a D-dimensional RealNVP for
 * small images (8 × 8 digits: D = 64; masked affine couplings and a data-side ActNorm, plain Java),
 * outside {@link dev.genlab.model.flow.Flow} because that API is two-dimensional throughout;
 * {@link dev.genlab.model.flow.Dequantization} turns images into levels, adds the uniform noise
 * y = (x + u)/K and converts: log P(x) ≥ E_u[log p((x+u)/K)] − D log K, bits per dimension
 * = −log-likelihood/(D ln 2).
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
