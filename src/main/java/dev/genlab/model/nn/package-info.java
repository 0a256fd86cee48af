/**
 * Small neural-network building blocks on ND4J for the live models: {@link dev.genlab.model.nn.Dense},
 * {@link dev.genlab.model.nn.Activation}, {@link dev.genlab.model.nn.Mlp}, the losses in
 * {@link dev.genlab.model.nn.Loss}, the optimisers {@link dev.genlab.model.nn.Adam} and
 * {@link dev.genlab.model.nn.Sgd}, and the per-model {@link dev.genlab.model.nn.StepWorkspace}.
 *
 * <h2>Threads</h2>
 * Everything here runs on the owning model's trainer thread ({@code dev.genlab.live.Trainer}):
 * construction, forward, backward, optimiser steps, parameter get/set. No object in this package
 * is thread-safe and no INDArray it returns may be handed to another thread. What crosses threads
 * is a copy made on the trainer thread: {@link dev.genlab.model.nn.Mlp#toFloatVector()},
 * {@link dev.genlab.model.nn.Mlp#toDoubleVector()}, or {@code INDArray.toFloatVector()} of an output.
 *
 * <h2>Memory</h2>
 * Parameters, gradients and optimiser state are allocated once, outside any workspace, and
 * updated in place. Everything a step creates on the way (activations, back-propagated
 * gradients, loss temporaries) is allocated in whatever workspace is open on the calling thread,
 * normally the model's {@link dev.genlab.model.nn.StepWorkspace}, and is gone when it closes.
 * So {@code forward} and {@code backward} of one step must run inside the same workspace scope,
 * and an output that must outlive the step is {@code detach()}ed or copied out first.
 *
 * <h2>A step and the divergence guard</h2>
 * A {@code LiveModel} built on these pieces typically does, in {@code step}:
 * <pre>
 *   try (MemoryWorkspace ws = workspace.open()) {
 *       Loss.Value loss = Loss.squaredError(mlp.forward(x), y);
 *       mlp.backwardParams(loss.gradient());
 *       adam.step(mlp.params(), mlp.gradients());
 *       return loss.loss();
 *   }
 * </pre>
 * and {@code saveState()} = {@link dev.genlab.model.nn.Mlp#toDoubleVector()},
 * {@code restoreState(s)} = {@link dev.genlab.model.nn.Mlp#setParams(double[])} followed by
 * {@link dev.genlab.model.nn.Optimizer#reset()} (the moments of a diverged Adam may hold NaN),
 * {@code isHealthy()} = {@link dev.genlab.model.nn.Mlp#isFinite()}.
 *
 * <h2>Speed</h2>
 * Tiny models are bound by ND4J's ~8 µs per op, so the code counts ops: all parameters of an
 * {@link dev.genlab.model.nn.Mlp} share one flat buffer (one Adam op updates them all), layers
 * multiply with {@code Nd4j.gemm} into column-major ('f') results (bias terms too), and Adam is
 * libnd4j's fused updater. A 2-64-64-1 tanh step on 256 rows takes 0.67–0.95 ms, against
 * 1.8–2.6 ms written the obvious way ({@code MlpBenchTest}); about half of it is the matrix
 * products, a quarter the two tanh evaluations (libnd4j's tanh costs twice its sigmoid).
 */
package dev.genlab.model.nn;
