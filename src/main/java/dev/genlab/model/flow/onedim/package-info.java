/**
 * The 1-D change of variables for the lesson "Change of variables", in plain Java doubles (no
 * ND4J, no JavaFX; immutable, any thread, microseconds per view). A {@link
 * dev.genlab.model.flow.onedim.Base1D} p_z (standard normal or uniform) and a {@link
 * dev.genlab.model.flow.onedim.Transform1D} f — {@link dev.genlab.model.flow.onedim.Affine1D},
 * {@link dev.genlab.model.flow.onedim.TanhWarp}, {@link
 * dev.genlab.model.flow.onedim.PiecewiseLinearSpline}, {@link
 * dev.genlab.model.flow.onedim.RationalQuadraticSpline} (Durkan et al. 2019) on monotone {@link
 * dev.genlab.model.flow.onedim.Knots} whose drags are clamped with a reason, or the
 * non-invertible {@link dev.genlab.model.flow.onedim.Fold1D} — go into {@link
 * dev.genlab.model.flow.onedim.ChangeOfVariables1D}: the curves p_z, f, |f'|, p_x, the naive
 * single-branch p_x next to the true sum over preimages, ∫p_x dx by adaptive Gauss–Legendre, the
 * read-out p_x = p_z × |df⁻¹/dx| at a point and the mapping of z-intervals to x-intervals.
 * Constructors refuse non-invertible parameters with a message a UI can show.
 */
package dev.genlab.model.flow.onedim;
