package io.genfleet.helm.support;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reading containers and their environment out of rendered pod templates. */
public final class Pods {

    private Pods() {
    }

    /** The single container of a genfleet pod (every genfleet pod has exactly one). */
    public static Container container(PodTemplateSpec template) {
        List<Container> containers = template.getSpec().getContainers();
        if (containers.size() != 1) {
            throw new IllegalStateException("expected one container, got " + containers.size());
        }
        return containers.get(0);
    }

    public static Optional<EnvVar> env(Container container, String name) {
        return container.getEnv().stream().filter(env -> name.equals(env.getName())).findFirst();
    }

    /** The literal value of an env var; fails when it is missing or comes from a reference. */
    public static String envValue(Container container, String name) {
        EnvVar env = env(container, name).orElseThrow(() -> new NoSuchElementException(
                "no env " + name + " in " + envNames(container)));
        if (env.getValueFrom() != null) {
            throw new IllegalStateException("env " + name + " is a reference, not a value");
        }
        return env.getValue();
    }

    /** Position of an env var in the list: $(VAR) expansion only sees variables defined before it. */
    public static int envIndex(Container container, String name) {
        List<String> names = envNames(container);
        int index = names.indexOf(name);
        if (index < 0) {
            throw new NoSuchElementException("no env " + name + " in " + names);
        }
        return index;
    }

    public static List<String> envNames(Container container) {
        return container.getEnv().stream().map(EnvVar::getName).toList();
    }

    /** Literal env values by name (references left out). */
    public static Map<String, String> envValues(Container container) {
        return container.getEnv().stream()
                .filter(env -> env.getValueFrom() == null)
                .collect(Collectors.toMap(EnvVar::getName, env -> env.getValue() == null ? "" : env.getValue()));
    }
}
