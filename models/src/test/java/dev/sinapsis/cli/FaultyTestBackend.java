package dev.sinapsis.cli;

import dev.sinapsis.backend.Availability;
import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.BackendProvider;
import dev.sinapsis.backend.cpu.CpuBackend;
import dev.sinapsis.tensor.ShapeException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * A backend with a bug, registered only on the test class path: the CPU backend whose
 * {@code matmul} throws a {@link ShapeException}, as a broken kernel or model would. Selected only
 * with {@code --backend faulty}.
 */
public final class FaultyTestBackend implements BackendProvider {
    @Override
    public String name() {
        return "faulty";
    }

    @Override
    public int priority() {
        return -2000;
    }

    @Override
    public Availability availability() {
        return Availability.yes();
    }

    @Override
    public Backend create() {
        CpuBackend cpu = new CpuBackend();
        return (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("name")) {
                        return "faulty";
                    }
                    if (method.getName().equals("matmul")) {
                        throw new ShapeException("matmul: simulated kernel bug in the faulty test backend");
                    }
                    try {
                        return method.invoke(cpu, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
