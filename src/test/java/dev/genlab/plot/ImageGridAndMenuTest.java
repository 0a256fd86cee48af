package dev.genlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.genlab.i18n.I18n;
import javafx.scene.Scene;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class ImageGridAndMenuTest {

    private ImageGridPlot grid;

    @Start
    void start(Stage stage) {
        PlotTheme.setCurrent(PlotTheme.LIGHT);
        grid = new ImageGridPlot();
        stage.setScene(new Scene(new HBox(grid), 300, 200));
        stage.show();
    }

    @Test
    void imagesAreScaledByWholeNumbersWithoutBlur() {
        // given two 4x4 checkerboards on the dark theme, whose background is neither black nor white
        float[] checker = new float[16];
        for (int k = 0; k < 16; k++) {
            checker[k] = ((k % 4) + (k / 4)) % 2;
        }
        Fx.run(() -> grid.setImages(List.of(checker, checker), 4, 4, 2));
        Fx.run(() -> PlotTheme.setCurrent(PlotTheme.DARK));
        WritableImage img;
        try {
            img = Fx.call(() -> FigureExport.snapshot(grid, 1));
        } finally {
            Fx.run(() -> PlotTheme.setCurrent(PlotTheme.LIGHT));
        }
        int bg = Fx.argb(img, 0, 0);
        // then every pixel is the background, pure black or pure white: no smoothing
        int firstY = -1;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int c = img.getPixelReader().getArgb(x, y);
                assertTrue(c == bg || c == 0xFF000000 || c == 0xFFFFFFFF,
                        "blended pixel " + Fx.hex(c) + " at " + x + "," + y);
                if (firstY < 0 && c != bg) {
                    firstY = y;
                }
            }
        }
        // and along a row through the first squares, all 8 black and white runs have one length
        List<Integer> runs = new java.util.ArrayList<>();
        int prev = bg;
        int y = firstY + 1;
        for (int x = 0; x < img.getWidth(); x++) {
            int c = img.getPixelReader().getArgb(x, y);
            if (c != bg && c == prev) {
                runs.set(runs.size() - 1, runs.get(runs.size() - 1) + 1);
            } else if (c != bg) {
                runs.add(1);
            }
            prev = c;
        }
        assertEquals(8, runs.size(), "runs " + runs);
        assertTrue(runs.stream().distinct().count() == 1 && runs.get(0) >= 10, "runs " + runs);
    }

    @Test
    void rightClickOffersCopySaveAndRecordInTheCurrentLanguage(FxRobot robot) {
        Fx.run(() -> I18n.setLocale(Locale.KOREAN));
        try {
            robot.clickOn(grid, MouseButton.SECONDARY);
            WaitForAsyncUtils.waitForFxEvents();
            List<String> items = Fx.call(() -> Window.getWindows().stream()
                    .filter(w -> w instanceof ContextMenu && w.isShowing())
                    .flatMap(w -> ((ContextMenu) w).getItems().stream())
                    .map(MenuItem::getText)
                    .collect(Collectors.toList()));
            assertEquals(List.of("이미지 복사", "PNG로 저장…", "애니메이션 녹화…"), items);
        } finally {
            Fx.run(() -> {
                I18n.setLocale(Locale.ENGLISH);
                Window.getWindows().stream().filter(w -> w instanceof ContextMenu).toList()
                        .forEach(w -> ((ContextMenu) w).hide());
            });
        }
    }
}
