package dev.genlab.scene;

import java.util.HashMap;
import java.util.Map;

import javafx.beans.property.ObjectProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.geometry.Pos;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

import dev.genlab.i18n.I18n;

/**
 * Builds one control per knob of a {@link ParamSet}: a slider with its value for numbers, a
 * combo box for choices, a check box for toggles. Controls and properties stay in step both
 * ways, so a preset applied to the params moves the sliders.
 */
public final class ParamPanel extends FlowPane {

    /**
     * Width of one knob's tile: three fit side by side in a typical scene column. A choice's tile is
     * as wide as its longest choice needs (a flow of tiles, not a grid of equal ones: "2-D layers and
     * warped grid" was cut to "2-D layers and ..." in a tile of this width).
     */
    static final double TILE_WIDTH = 168;

    private final Map<String, Node> controls = new HashMap<>();
    private final Map<String, Node> tiles = new HashMap<>();
    /** Each tile's "locked" note, shown while a classroom locks the knob. */
    private final Map<String, Label> lockNotes = new HashMap<>();
    private final ParamSet params;
    private java.util.function.Predicate<String> shown;
    /** Language listeners, held here so that the static locale does not keep this panel alive. */
    private final java.util.List<Object> keep = new java.util.ArrayList<>();

    public ParamPanel(ParamSet params) {
        this.params = params;
        getStyleClass().add("param-panel");
        setHgap(12);
        setVgap(8);
        setPadding(new Insets(8));
        setAlignment(Pos.TOP_LEFT);
        setRowValignment(javafx.geometry.VPos.TOP);
        // the height the panel asks for is that of its rows at its real width (a flow's preferred
        // size otherwise assumes a 400 px wrap and asks for twice the rows, which took the scene's room)
        prefWrapLengthProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> getWidth() > 0 ? getWidth() - 16 : 5 * TILE_WIDTH, widthProperty()));
        for (KnobSpec k : params.spec().knobs()) {
            Label name = new Label();
            name.textProperty().bind(I18n.bind(k.labelKey()));
            name.setMinWidth(0);
            name.setWrapText(true);
            name.getStyleClass().add("knob-name");
            Label value = new Label();
            value.getStyleClass().add("knob-value");
            value.setId("knob-value-" + k.id());
            value.setMinWidth(Region.USE_PREF_SIZE);
            Node c = switch (k.kind()) {
                case DOUBLE, INT -> slider(k, params.property(k.id()), value);
                case CHOICE -> numeric(k) ? choiceSlider(k, params.property(k.id()), value)
                        : choice(k, params.property(k.id()));
                case TOGGLE -> toggle(k, params.property(k.id()), name);
            };
            c.setId("knob-" + k.id());
            if (I18n.has(k.helpKey())) {
                Tooltip tip = new Tooltip();
                tip.textProperty().bind(I18n.bind(k.helpKey()));
                Tooltip.install(c, tip);
                name.setTooltip(tip);
            }
            name.setLabelFor(c);
            controls.put(k.id(), c);
            Region spring = new Region();
            HBox.setHgrow(spring, Priority.ALWAYS);
            HBox head = new HBox(4, name, spring, value);
            VBox tile = new VBox(2, k.kind() == KnobSpec.Kind.TOGGLE ? c : head);
            if (k.kind() != KnobSpec.Kind.TOGGLE) {
                tile.getChildren().add(c);
            }
            tile.getStyleClass().add("knob");
            if (k.kind() == KnobSpec.Kind.CHOICE && !numeric(k)) {
                tile.setMinWidth(TILE_WIDTH);
                tile.setMaxWidth(Region.USE_PREF_SIZE);
            } else {
                tile.setPrefWidth(TILE_WIDTH);
                tile.setMinWidth(TILE_WIDTH);
                tile.setMaxWidth(TILE_WIDTH);
            }
            Label lock = new Label();
            lock.textProperty().bind(I18n.bind("knob.locked"));
            lock.getStyleClass().add("knob-lock");
            lock.setId("knob-lock-" + k.id());
            lock.setVisible(false);
            lock.setManaged(false);
            tile.getChildren().add(lock);
            lockNotes.put(k.id(), lock);
            tiles.put(k.id(), tile);
            getChildren().add(tile);
        }
        params.classroomProperty().addListener((obs, o, n) -> applyClassroom());
        applyClassroom();
    }

    /**
     * Shows the tiles of the knobs the predicate accepts (and no classroom hides) and takes the others out of the layout.
     * The tiles the predicate refuses (another panel's knobs) are also out of the scene graph until it accepts them,
     * so that opening a scene styles only the knobs it shows: lesson 8's 45 knobs (a dozen a panel, ten of them
     * combo boxes, each with a list view that JavaFX styles and measures) made most of its first opening's pulse
     * (JFR). A tile a classroom hides stays in the graph, invisible.
     */
    public void showOnly(java.util.function.Predicate<String> shown) {
        this.shown = shown;
        Classroom c = params.classroom();
        java.util.List<Node> attached = new java.util.ArrayList<>();
        for (KnobSpec k : params.spec().knobs()) {
            String id = k.id();
            Node tile = tiles.get(id);
            boolean inPanel = shown == null || shown.test(id);
            boolean on = inPanel && !c.hidden().contains(id);
            tile.setVisible(on);
            tile.setManaged(on);
            if (inPanel) {
                attached.add(tile);
            }
        }
        // in the knobs' order, moving no tile that stays (a tile put back in the graph is styled again)
        javafx.collections.ObservableList<Node> children = getChildren();
        children.removeIf(n -> !attached.contains(n));
        for (int i = 0; i < attached.size(); i++) {
            if (i >= children.size() || children.get(i) != attached.get(i)) {
                children.add(i, attached.get(i));
            }
        }
    }

    /** Hides the classroom's hidden knobs and disables its locked ones, with a note saying so. */
    private void applyClassroom() {
        Classroom c = params.classroom();
        controls.forEach((id, control) -> {
            boolean locked = c.locked().contains(id);
            control.setDisable(locked);
            Label note = lockNotes.get(id);
            note.setVisible(locked);
            note.setManaged(locked);
        });
        showOnly(shown);
    }

    /** The control of a knob (tests drive it). */
    public Node control(String knobId) {
        return controls.get(knobId);
    }

    private Node slider(KnobSpec k, ObjectProperty<Object> p, Label value) {
        Slider s = new Slider(k.min(), k.max(), ((Number) p.get()).doubleValue());
        s.setBlockIncrement(k.step() > 0 ? k.step() : (k.max() - k.min()) / 100);
        if (k.kind() == KnobSpec.Kind.INT) {
            s.setMajorTickUnit(Math.max(1, Math.round((k.max() - k.min()) / 4)));
            s.setMinorTickCount(0);
            s.setSnapToTicks(false);
        }
        s.accessibleTextProperty().bind(I18n.bind(k.labelKey()));
        value.setText(format(k, p.get()));
        if (!k.unit().isEmpty()) {
            // the unit is a word of the language shown ("nats" in English, "nat" in Korean)
            keep.add(I18n.listen((obs, o, n) -> value.setText(format(k, p.get()))));
        }
        boolean[] updating = {false};
        s.valueProperty().addListener((obs, o, n) -> {
            if (updating[0]) {
                return;
            }
            double v = n.doubleValue();
            if (k.kind() == KnobSpec.Kind.INT) {
                v = Math.round(v);
            } else if (k.step() > 0) {
                v = k.min() + Math.round((v - k.min()) / k.step()) * k.step();
                v = Math.max(k.min(), Math.min(k.max(), v));
            }
            Object val = k.kind() == KnobSpec.Kind.INT ? (Object) (int) v : (Object) v;
            if (!val.equals(p.get())) {
                p.set(k.validate(val));
            }
        });
        p.addListener((obs, o, n) -> {
            updating[0] = true;
            try {
                s.setValue(((Number) n).doubleValue());
            } finally {
                updating[0] = false;
            }
            value.setText(format(k, n));
        });
        return s;
    }

    /** True for a choice among numbers (image sides, say): a slider over them fits it better than a list. */
    static boolean numeric(KnobSpec k) {
        return k.choices().size() > 1 && k.choices().stream().allMatch(c -> NUMBER.matcher(c).matches());
    }

    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("-?\\d+(\\.\\d+)?");

    /** A slider whose stops are the choices, in their order; the value label shows the chosen one. */
    private Node choiceSlider(KnobSpec k, ObjectProperty<Object> p, Label value) {
        int last = k.choices().size() - 1;
        Slider s = new Slider(0, last, k.choices().indexOf((String) p.get()));
        s.setMajorTickUnit(1);
        s.setMinorTickCount(0);
        s.setSnapToTicks(true);
        s.setShowTickMarks(true);
        s.setBlockIncrement(1);
        s.accessibleTextProperty().bind(I18n.bind(k.labelKey()));
        value.setText(choiceLabel(k, (String) p.get()));
        boolean[] updating = {false};
        s.valueProperty().addListener((obs, o, n) -> {
            if (updating[0]) {
                return;
            }
            String c = k.choices().get((int) Math.max(0, Math.min(last, Math.round(n.doubleValue()))));
            if (!c.equals(p.get())) {
                p.set(k.validate(c));
            }
        });
        p.addListener((obs, o, n) -> {
            updating[0] = true;
            try {
                s.setValue(k.choices().indexOf((String) n));
            } finally {
                updating[0] = false;
            }
            value.setText(choiceLabel(k, (String) n));
        });
        keep.add(I18n.listen((obs, o, n) -> value.setText(choiceLabel(k, (String) p.get()))));
        return s;
    }

    /** What a choice knob shows for a choice: its label in the current language, or the choice itself. */
    public static String choiceLabel(KnobSpec k, String choice) {
        String key = k.labelKey() + "." + choice;
        return I18n.has(key) ? I18n.get(key) : choice;
    }

    private Node choice(KnobSpec k, ObjectProperty<Object> p) {
        ComboBox<String> box = new ComboBox<>();
        box.getItems().setAll(k.choices());
        box.setValue((String) p.get());
        box.setMaxWidth(Double.MAX_VALUE);
        box.setCellFactory(lv -> new ChoiceCell(k));
        ChoiceCell button = new ChoiceCell(k);
        box.setButtonCell(button);
        // the same cell relabelled: a new button cell re-ran CSS on the combo box's display area, the largest part
        // of a language change in lesson 7 (JFR)
        keep.add(I18n.listen((obs, o, n) -> button.relabel()));
        box.valueProperty().addListener((obs, o, n) -> {
            if (n != null && !n.equals(p.get())) {
                p.set(k.validate(n));
            }
        });
        p.addListener((obs, o, n) -> box.setValue((String) n));
        return box;
    }

    private Node toggle(KnobSpec k, ObjectProperty<Object> p, Label name) {
        CheckBox box = new CheckBox();
        box.textProperty().bind(name.textProperty());
        box.setWrapText(true);
        box.setSelected((Boolean) p.get());
        box.selectedProperty().addListener((obs, o, n) -> {
            if (!n.equals(p.get())) {
                p.set(n);
            }
        });
        p.addListener((obs, o, n) -> box.setSelected((Boolean) n));
        return box;
    }

    static String format(KnobSpec k, Object v) {
        String number;
        if (k.kind() == KnobSpec.Kind.DOUBLE) {
            double d = ((Number) v).doubleValue();
            double step = k.step() > 0 ? k.step() : 0.01;
            int decimals = (int) Math.max(0, Math.min(4, Math.ceil(-Math.log10(step) - 1e-9)));
            number = String.format(I18n.getLocale(), "%." + decimals + "f", d);
        } else {
            number = String.valueOf(v);
        }
        if (k.unit().isEmpty()) {
            return number;
        }
        // a unit is a word of the language shown: "-6.0 nats" and "30 s" in English, "-6.0 nat" and "30초" in Korean
        String key = "unit." + k.unit();
        return I18n.has(key) ? I18n.get(key, number) : number + " " + k.unit();
    }

    private static final class ChoiceCell extends ListCell<String> {
        private final KnobSpec knob;

        ChoiceCell(KnobSpec knob) {
            this.knob = knob;
        }

        /** Shows the item again in the current language. */
        void relabel() {
            updateItem(getItem(), isEmpty());
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setText(null);
            } else {
                setText(choiceLabel(knob, item));
            }
        }
    }
}
