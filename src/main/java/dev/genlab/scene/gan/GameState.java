package dev.genlab.scene.gan;

import java.util.Arrays;

import dev.genlab.live.DoubleList;
import dev.genlab.model.gan.AffineGenerator;
import dev.genlab.model.gan.Discriminator1D;
import dev.genlab.model.gan.Game1D;
import dev.genlab.model.gan.Generator1D;
import dev.genlab.model.gan.GeneratorLoss;
import dev.genlab.model.gan.LogisticDiscriminator;
import dev.genlab.model.gan.MlpDiscriminator1D;
import dev.genlab.model.gan.Mixture1D;
import dev.genlab.scene.KnobValues;

/**
 * The state of lesson 8's 1-D game between the knobs and the figures: the generator (from the knobs),
 * the network discriminator when it is chosen, and the history of the game's numbers over the rounds
 * played (it restarts when the student moves p_data or the generator by hand). Every
 * number comes from {@link Game1D}'s quadrature. JavaFX-free, so it is tested without a window; the
 * scene calls it on the JavaFX thread (a step is about 1-2 ms, plus 2 ms per network D step).
 */
public final class GameState {

    /** Seed of the network discriminator's initial weights. */
    static final long NETWORK_SEED = 1;

    /**
     * What the figures show.
     *
     * @param game        the game of the current p_data and generator
     * @param d           the discriminator the generator plays against
     * @param value       V(D, G)
     * @param optimal     V(D*, G)
     * @param jsd         JSD(p_data ‖ p_g) in nats
     * @param klData      KL(p_data ‖ p_g)
     * @param klModel     KL(p_g ‖ p_data)
     * @param meanD       E_g[D(x)], the mean of D on generated points
     * @param gradSat     the generator's gradient against d for the saturating loss (∂/∂θ E log(1 − D(G(z))))
     * @param gradNonSat  the same for the non-saturating loss (∂/∂θ −E log D(G(z)))
     * @param history     steps, V(D*, G) and JSD at each step taken since the last restart
     */
    public record Shown(Game1D game, Discriminator1D d, double value, double optimal, double jsd, double klData,
                 double klModel, double meanD, double[] gradSat, double[] gradNonSat, double[][] history) {
    }

    private Mixture1D data;
    private AffineGenerator generator;
    /** True while a round puts the generator's new μ and s on the knobs (not a move by hand). */
    private boolean stepping;
    private MlpDiscriminator1D network;
    private long steps;
    private final DoubleList historyStep = new DoubleList();
    private final DoubleList historyOptimal = new DoubleList();
    private final DoubleList historyJsd = new DoubleList();

    /** Brings the state to the knobs: p_data and the generator (the history restarts when either changed). */
    void sync(KnobValues v) {
        Mixture1D d = GanParams.data(v);
        AffineGenerator g = GanParams.affine(v);
        boolean sameData = same(d, data);
        boolean sameGenerator = generator != null && generator.mu() == g.mu() && generator.scale() == g.scale();
        if (!sameData) {
            network = null; // trained against another p_data: a new one
        }
        if (!sameData || (!sameGenerator && !stepping)) {
            restartHistory();
        }
        data = d;
        generator = g;
    }

    private static boolean same(Mixture1D a, Mixture1D b) {
        return b != null && Arrays.equals(a.weights(), b.weights()) && Arrays.equals(a.means(), b.means())
                && Arrays.equals(a.sds(), b.sds());
    }

    private void restartHistory() {
        steps = 0;
        historyStep.clear();
        historyOptimal.clear();
        historyJsd.clear();
    }

    Game1D game() {
        return new Game1D(data, generator);
    }

    AffineGenerator generator() {
        return generator;
    }

    long steps() {
        return steps;
    }

    /** The discriminator of the knobs against the current generator. */
    Discriminator1D discriminator(KnobValues v, Game1D game) {
        return switch (v.get(GanParams.DISCRIMINATOR)) {
            case "logistic" -> new LogisticDiscriminator(v.get(GanParams.D_W0), v.get(GanParams.D_W1),
                    v.get(GanParams.D_W2));
            case "network" -> network(game);
            default -> game.optimalDiscriminator();
        };
    }

    private MlpDiscriminator1D network(Game1D game) {
        if (network == null) {
            network = MlpDiscriminator1D.forGame(game, GanParams.NETWORK_HIDDEN, NETWORK_SEED);
        }
        return network;
    }

    /** Trains the network discriminator for n gradient-ascent steps on the exact V (the "train D" button). */
    void trainNetwork(Game1D game, int n) {
        network = network(game).train(game, n, GanParams.NETWORK_RATE);
    }

    /**
     * The network discriminator now (made if there is none yet) and the game it plays in: what a
     * background "Train D" starts from. Both are immutable.
     */
    MlpDiscriminator1D currentNetwork(Game1D game) {
        return network(game);
    }

    /**
     * Puts a network trained elsewhere in place, if it was trained from the network still here (a new
     * p_data or a Reset in the meantime made another, and the result is dropped). Returns whether it was kept.
     */
    boolean replaceNetwork(MlpDiscriminator1D from, MlpDiscriminator1D trained) {
        if (network != from) {
            return false;
        }
        network = trained;
        return true;
    }

    /**
     * One round of the game: the network discriminator (when chosen) takes its D steps, then the
     * generator one gradient step on the chosen loss against the chosen D (against D* as it is now:
     * D* is held fixed while differentiating, as in the game). Returns the new generator, which the
     * caller puts on the knobs (inside {@link #applying}).
     *
     * @throws IllegalArgumentException when the step left the generator degenerate (Game1D refuses it)
     */
    AffineGenerator step(KnobValues v) {
        Game1D game = game();
        GeneratorLoss loss = GanParams.loss(v);
        double rate = v.get(GanParams.G_RATE);
        Generator1D next = switch (v.get(GanParams.DISCRIMINATOR)) {
            case "network" -> {
                trainNetwork(game, v.get(GanParams.D_STEPS));
                yield game.step(network, loss, rate);
            }
            case "logistic" -> game.step(discriminator(v, game), loss, rate);
            default -> game.stepAgainstOptimal(loss, rate);
        };
        if (!Arrays.stream(next.params()).allMatch(Double::isFinite)) {
            throw new IllegalArgumentException("the step gave non-finite parameters " + Arrays.toString(next.params()));
        }
        new Game1D(data, next); // refuses a degenerate generator before it is kept
        generator = (AffineGenerator) next;
        steps++;
        return generator;
    }

    /** Runs {@code r} (which sets the generator's knobs after a round) without restarting the history. */
    void applying(Runnable r) {
        stepping = true;
        try {
            r.run();
        } finally {
            stepping = false;
        }
    }

    /** The numbers and curves of the current state; appends to the history when a step was taken. */
    Shown shown(KnobValues v, boolean record) {
        Game1D game = game();
        Discriminator1D d = discriminator(v, game);
        double value = game.value(d);
        double optimal = game.optimalValue();
        double jsd = game.jsd();
        double meanD = game.expectModel(d::value);
        double[] sat = game.generatorGradient(d, GeneratorLoss.SATURATING);
        double[] nonSat = game.generatorGradient(d, GeneratorLoss.NON_SATURATING);
        if (record || historyStep.size() == 0) {
            if (historyStep.size() == 0 || historyStep.last() != steps) {
                historyStep.add(steps);
                historyOptimal.add(optimal);
                historyJsd.add(jsd);
            }
        }
        return new Shown(game, d, value, optimal, jsd, game.klDataToModel(), game.klModelToData(), meanD, sat,
                nonSat, new double[][] {historyStep.toArray(), historyOptimal.toArray(), historyJsd.toArray()});
    }
}
