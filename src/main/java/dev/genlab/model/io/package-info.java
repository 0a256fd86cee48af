/**
 * What a trained model is stored as, for every lesson's models: {@link dev.genlab.model.io.Checkpoint},
 * a versioned gzip file of a model id, a string header and float parameters with a CRC. The format
 * knows no model; each model reads its own header (e.g. {@code model.autoregressive.Nade}).
 * Plain Java, no ND4J and no JavaFX.
 */
package dev.genlab.model.io;
