package org.egolens.app.ui.train;

import org.egolens.model.train.TrainRunConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.controlsfx.control.PropertySheet;
import org.junit.jupiter.api.Test;

/** The form model (plain JavaFX properties; needs no toolkit). */
class TrainConfigFormTest {
    private static Set<String> keys(TrainConfigForm f) {
        return f.items().stream().map(i -> ((FormItem<?>) i).key()).collect(Collectors.toSet());
    }

    @Test
    void startsFromTheDemoRecipeAndRoundTrips() {
        TrainConfigForm f = new TrainConfigForm();
        assertEquals(TrainRunConfig.demoSms(), f.toConfig());
        TrainRunConfig d = TrainRunConfig.demoSms();
        TrainRunConfig other = new TrainRunConfig("ablation", 7,
                new TrainRunConfig.Model("tiny", "/models/x", 8, "split3d", false),
                new TrainRunConfig.Data("egoclip", "/ws", "/a.csv", null, "/videos", 0.2),
                new TrainRunConfig.Loss("infonce", 0.6, 0.1, 0.1, 0.07, true),
                new TrainRunConfig.Optim(3e-5, 0.05, 10, 1e-6, 0.8, 0.98, 1e-6, 0, 4),
                16, 10, 20, 0, new TrainRunConfig.Eval(5, "/t.csv", "/s.csv", "/tv", "/m.csv"),
                new TrainRunConfig.Checkpoint(500, 3), new TrainRunConfig.Threads(4, 2));
        f.load(other);
        assertEquals(other, f.toConfig());
        f.load(d);
        assertEquals(d, f.toConfig());
    }

    @Test
    void categoriesAreTheSixOfTheIssueInOrder() {
        TrainConfigForm f = new TrainConfigForm();
        List<String> cats = f.items().stream().map(PropertySheet.Item::getCategory).distinct()
                .sorted(TrainConfigForm.categoryOrder()).toList();
        assertEquals(TrainConfigForm.CATEGORIES, cats);
        assertTrue(f.items().stream().allMatch(i -> i.getDescription().endsWith("[" + ((FormItem<?>) i).key() + "]")));
    }

    @Test
    void onlyTheChosenLossHyperParametersAreListed() {
        TrainConfigForm f = new TrainConfigForm();
        assertTrue(keys(f).containsAll(Set.of("loss.gamma", "loss.lambda", "loss.tau")));
        assertFalse(keys(f).contains("loss.temperature"));
        f.set("loss.name", "infonce");
        assertTrue(keys(f).contains("loss.temperature"));
        assertFalse(keys(f).contains("loss.gamma"));
        f.set("loss.name", "mimm");
        assertTrue(keys(f).contains("loss.gamma"));
        assertFalse(keys(f).contains("loss.tau"));
        // hidden values are kept and still written
        assertEquals(0.1, f.toConfig().loss().tau());
    }

    @Test
    void valuesAreConvertedToTheKeysType() {
        TrainConfigForm f = new TrainConfigForm();
        f.set("batch_size", 12.0);
        f.set("optim.lr", 2);
        f.set("data.video_root", "  ");
        assertEquals(12, f.toConfig().batchSize());
        assertEquals(2.0, f.toConfig().optim().lr());
        assertEquals(null, f.toConfig().data().videoRoot());
        assertThrows(IllegalArgumentException.class, () -> f.set("batch_size", "many"));
        assertThrows(IllegalArgumentException.class, () -> f.set("optim.learning_rate", 1));
    }

    @Test
    void numbersAcceptScientificNotationAndFormatCompactly() {
        assertEquals(Optional.of(1e-3), FormEditors.parse("1e-3", Double.class));
        assertEquals(Optional.of(0.0005), FormEditors.parse(" 0.0005 ", Double.class));
        assertEquals(Optional.of(48), FormEditors.parse("48", Integer.class));
        assertEquals(Optional.empty(), FormEditors.parse("4.5", Integer.class));
        assertEquals(Optional.empty(), FormEditors.parse("abc", Double.class));
        assertEquals(Optional.empty(), FormEditors.parse("NaN", Double.class));
        assertEquals(Optional.of(3407L), FormEditors.parse("3407", Long.class));
        assertEquals("0.001", FormEditors.format(1e-3));
        assertEquals("1e-05", FormEditors.format(1e-5));
        assertEquals("1e-08", FormEditors.format(1e-8));
        assertEquals("0.6", FormEditors.format(0.6));
        assertEquals("15.0", FormEditors.format(15.0));
        assertEquals("48", FormEditors.format(48));
        assertEquals("", FormEditors.format(null));
    }
}
