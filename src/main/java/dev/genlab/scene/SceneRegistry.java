package dev.genlab.scene;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every scene a lesson can name in its front matter. Later lessons add their descriptor here. */
public final class SceneRegistry {

    private final Map<String, SceneDescriptor> byId = new LinkedHashMap<>();

    public SceneRegistry(List<SceneDescriptor> descriptors) {
        for (SceneDescriptor d : descriptors) {
            byId.put(d.id(), d);
        }
    }

    /** The scenes GenLab ships. */
    public static SceneRegistry builtIn() {
        List<SceneDescriptor> all = new ArrayList<>();
        all.add(dev.genlab.scene.density.DensityScene.DESCRIPTOR);
        all.add(dev.genlab.scene.counting.CountingScene.DESCRIPTOR);
        all.add(dev.genlab.scene.chainrule.ChainRuleScene.DESCRIPTOR);
        all.add(dev.genlab.scene.markov.MarkovScene.DESCRIPTOR);
        all.add(dev.genlab.scene.autoregressive.AutoregressiveScene.DESCRIPTOR);
        all.add(dev.genlab.scene.flow.FlowScene.DESCRIPTOR);
        all.add(dev.genlab.scene.elbo.ElboScene.DESCRIPTOR);
        all.add(dev.genlab.scene.gan.GanScene.DESCRIPTOR);
        all.add(dev.genlab.scene.families.FamiliesScene.DESCRIPTOR);
        return new SceneRegistry(all);
    }

    public Optional<SceneDescriptor> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }
}
