package dev.genlab.app;

import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.skin.ScrollPaneSkin;

/**
 * JavaFX's scroll-pane skin with its viewport drawn directly instead of through a bitmap cache; every scroll pane of
 * the window gets it ({@code genlab.css}, {@code -fx-skin}).
 *
 * <p>The stock skin caches its viewport ({@code Node.setCache(true)}), so each scroll pane keeps a picture of its
 * visible content as large as the viewport (the scene's area alone is 1–8 MB), re-rendered whenever the content
 * changes, which for a scene's figures is every frame. On the software pipeline those pictures come from the
 * effect image pool, which keeps every size it ever made behind soft references, and soft references are only
 * cleared when the heap is nearly full: visiting every step of every lesson, in English, then in Korean, then in
 * English again, the heap after GC went 122 → 155 → 182 MB, and a heap dump then held 57 MB of those pictures
 * (issue 16, {@code MemoryRoundsTest}); without the cache, 97 → 103 → 106 MB.
 */
public final class UncachedScrollPaneSkin extends ScrollPaneSkin {

    public UncachedScrollPaneSkin(ScrollPane control) {
        super(control);
        for (Node n : getChildren()) {
            if (n.getStyleClass().contains("viewport")) {
                n.setCache(false);
            }
        }
    }
}
