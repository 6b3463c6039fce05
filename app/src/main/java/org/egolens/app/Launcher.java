package org.egolens.app;

/** Entry point of {@code egolens.jar}: no argument starts the GUI, otherwise runs a CLI command. */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
        System.out.println("EgoLens");
    }
}
