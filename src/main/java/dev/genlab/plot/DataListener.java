package dev.genlab.plot;

/** Receives a position in data coordinates, e.g. where the user clicked or is drawing. */
@FunctionalInterface
public interface DataListener {

    void at(double x, double y);
}
