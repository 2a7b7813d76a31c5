package dev.sinapsis.nn;

import dev.sinapsis.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/** Modules applied one after another; children are named {@code "0"}, {@code "1"}, ... */
public final class Sequential extends Module {
    private final List<Module> layers = new ArrayList<>();

    /** A sequence of the given modules. */
    public Sequential(Module... modules) {
        for (Module m : modules) {
            add(m);
        }
    }

    /** Appends a module; returns this. */
    public Sequential add(Module module) {
        registerModule(Integer.toString(layers.size()), module);
        layers.add(module);
        return this;
    }

    /** The {@code i}-th module. */
    public Module get(int i) {
        return layers.get(i);
    }

    /** Number of modules. */
    public int size() {
        return layers.size();
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor x = input;
        for (Module m : layers) {
            x = m.forward(x);
            ModuleSummary.Recorder.observe(m, x);
        }
        return x;
    }
}
