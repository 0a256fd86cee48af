package dev.genlab.plot;

import javafx.scene.paint.Color;

/** One legend row: a colour sample drawn as a line or marker, then the name. */
record LegendEntry(String name, Color color, Marker marker) {
}
