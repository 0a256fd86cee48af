package dev.genlab.scene.chainrule;

import java.util.Optional;

import javafx.animation.AnimationTimer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;

import dev.genlab.i18n.I18n;
import dev.genlab.scene.LessonScene;
import dev.genlab.scene.ParamSet;
import dev.genlab.scene.SceneDescriptor;

/**
 * Lesson 3's scene: a joint table on three binary variables, its chain-rule tree in any of the six
 * orders, Bayes' rule for a pair, and a test (and projection) for a conditional independence.
 *
 * <p>There is no trainer thread: everything the scene computes is a few dozen sums and products on
 * eight numbers, done on the JavaFX thread whenever a knob changes. Step shows the next of the six
 * orders; Play steps through them on its own, one order every {@link #SECONDS_PER_ORDER} s at speed 1.
 */
public final class ChainRuleScene implements LessonScene {

    public static final String ID = "chainrule";
    public static final SceneDescriptor DESCRIPTOR = new SceneDescriptor(ID, ChainRuleParams.SPEC,
            context -> new ChainRuleScene());
    static final double SECONDS_PER_ORDER = 2;

    /**
     * What the view shows, recomputed on every knob change.
     *
     * @param weights the eight slider values u
     * @param sum     Σu
     * @param p       the normalised table u / Σu, or null when every weight is 0
     * @param tree    the chain rule in the chosen order (null when p is)
     * @param bayesX  the letter of X in p(X | Y)
     * @param bayesY  the letter of Y
     * @param bayes1  Bayes' rule for X = 1, Y = 1 (null when X = Y or p is null)
     * @param bayes0  Bayes' rule for X = 1, Y = 0
     * @param ci      the statement "XY|Z"
     * @param gap     max over z, x, y of |p(x,y|z) − p(x|z) p(y|z)|
     * @param cmi     I(X;Y|Z) in nats
     * @param holds   the gap is at most {@link ChainRuleModel#CI_TOLERANCE}
     * @param parameters free numbers of the family the table is in: 7, or 5 when the statement holds
     */
    public record Shown(double[] weights, double sum, double[] p, ChainRuleModel.Tree tree, char bayesX, char bayesY,
                        ChainRuleModel.Bayes bayes1, ChainRuleModel.Bayes bayes0, String ci, double gap, double cmi,
                        boolean holds, int parameters) {
    }

    private final ParamSet params = new ParamSet(ChainRuleParams.SPEC);
    private final ChainRuleView view = new ChainRuleView();
    private final ScrollPane root = new ScrollPane(view);
    private final BooleanProperty playing = new SimpleBooleanProperty(this, "playing", false);
    private final DoubleProperty speed = new SimpleDoubleProperty(this, "speed", 1);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final AnimationTimer player;
    private boolean batch;

    public ChainRuleScene() {
        root.setFitToWidth(true);
        root.setFitToHeight(true);
        root.setId("chainrule-scroll");
        params.spec().knobs().forEach(k -> params.property(k.id()).addListener((obs, o, n) -> {
            if (!batch) {
                recompute();
            }
        }));
        view.makeHold.setOnAction(e -> makeItHold());
        player = new AnimationTimer() {
            private long last = -1;

            @Override
            public void handle(long now) {
                if (!playing.get()) {
                    last = -1;
                    return;
                }
                if (last < 0) {
                    last = now;
                } else if ((now - last) / 1e9 * speed.get() >= SECONDS_PER_ORDER) {
                    last = now;
                    nextOrder();
                }
            }
        };
        recompute();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ParamSet params() {
        return params;
    }

    @Override
    public Node view() {
        return root;
    }

    @Override
    public Optional<Node> exportableFigure() {
        return Optional.of(view);
    }

    @Override
    public void activate() {
        recompute();
        player.start();
    }

    @Override
    public void deactivate() {
        playing.set(false);
        player.stop();
    }

    @Override
    public BooleanProperty playingProperty() {
        return playing;
    }

    @Override
    public DoubleProperty speedProperty() {
        return speed;
    }

    /** Shows the next of the six orders of the chain rule (pausing first, as a step should). */
    @Override
    public void step() {
        playing.set(false);
        nextOrder();
    }

    private void nextOrder() {
        int i = ChainRuleModel.ORDERS.indexOf(params.get(ChainRuleParams.ORDER));
        String next = ChainRuleModel.ORDERS.get((i + 1) % ChainRuleModel.ORDERS.size());
        params.set(ChainRuleParams.ORDER, next);
        status.set(I18n.get("chainrule.status.order", next.charAt(0) + " \u2192 " + next.charAt(1) + " \u2192 "
                + next.charAt(2)));
    }

    @Override
    public void reset() {
        playing.set(false);
        batch = true;
        try {
            params.reset();
        } finally {
            batch = false;
        }
        status.set("");
        recompute();
    }

    @Override
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** What the view shows now. */
    public Shown shown() {
        return view.last();
    }

    private double[] weights() {
        double[] u = new double[8];
        for (int i = 0; i < 8; i++) {
            u[i] = params.get(ChainRuleParams.WEIGHTS.get(i));
        }
        return u;
    }

    private void recompute() {
        double[] u = weights();
        double sum = ChainRuleModel.sum(u);
        String ci = params.get(ChainRuleParams.CI);
        char bx = params.get(ChainRuleParams.BAYES_X).charAt(0);
        char by = params.get(ChainRuleParams.BAYES_Y).charAt(0);
        if (ChainRuleModel.allZero(u)) {
            view.show(new Shown(u, sum, null, null, bx, by, null, null, ci, Double.NaN, Double.NaN, false,
                    ChainRuleModel.FULL_PARAMETERS));
            return;
        }
        double[] p = ChainRuleModel.normalise(u);
        ChainRuleModel.Tree tree = ChainRuleModel.tree(p, ChainRuleModel.order(params.get(ChainRuleParams.ORDER)));
        ChainRuleModel.Bayes b1 = null;
        ChainRuleModel.Bayes b0 = null;
        if (bx != by) {
            int x = ChainRuleModel.var(bx);
            int y = ChainRuleModel.var(by);
            b1 = ChainRuleModel.bayes(p, x, 1, y, 1);
            b0 = ChainRuleModel.bayes(p, x, 1, y, 0);
        }
        int[] xyz = ChainRuleModel.ciStatement(ci);
        double gap = ChainRuleModel.ciGap(p, xyz[0], xyz[1], xyz[2]);
        double cmi = ChainRuleModel.conditionalMutualInformation(p, xyz[0], xyz[1], xyz[2]);
        boolean holds = gap <= ChainRuleModel.CI_TOLERANCE;
        view.show(new Shown(u, sum, p, tree, bx, by, b1, b0, ci, gap, cmi, holds,
                holds ? ChainRuleModel.CI_PARAMETERS : ChainRuleModel.FULL_PARAMETERS));
    }

    /**
     * Replaces the table by its I-projection p(z) p(x|z) p(y|z) onto the distributions where the chosen
     * statement holds, and sets the sliders to it.
     */
    public void makeItHold() {
        Shown s = view.last();
        if (s == null || s.p() == null) {
            return;
        }
        int[] xyz = ChainRuleModel.ciStatement(s.ci());
        double[] q = ChainRuleModel.project(s.p(), xyz[0], xyz[1], xyz[2]);
        double kl = ChainRuleModel.kl(s.p(), q);
        batch = true;
        try {
            for (int i = 0; i < 8; i++) {
                params.set(ChainRuleParams.WEIGHTS.get(i), q[i]);
            }
        } finally {
            batch = false;
        }
        recompute();
        status.set(I18n.get("chainrule.status.projected", s.ci().charAt(0) + " \u22a5 " + s.ci().charAt(1) + " | "
                + s.ci().charAt(3), ChainRuleView.sci(kl)));
    }
}
