package io.genfleet.helm.support;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The objects of one render, parsed with the fabric8 Kubernetes model: built-in kinds become their typed
 * classes, custom resources (ScaledObject, KafkaTopic, ServiceMonitor...) {@link GenericKubernetesResource}.
 *
 * @param objects every rendered object, in Helm's order
 * @param text    the rendered YAML as Helm printed it
 */
public record Manifests(List<HasMetadata> objects, String text) {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    static Manifests parse(String yaml) {
        Object parsed = SERIALIZATION.unmarshal(yaml);
        List<HasMetadata> objects = new ArrayList<>();
        if (parsed instanceof List<?> list) {
            list.forEach(item -> objects.add((HasMetadata) item));
        } else if (parsed != null) {
            objects.add((HasMetadata) parsed);
        }
        return new Manifests(List.copyOf(objects), yaml);
    }

    public <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream()
                .filter(object -> type.isInstance(object) && !(object instanceof GenericKubernetesResource))
                .map(type::cast)
                .toList();
    }

    public <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(object -> name.equals(object.getMetadata().getName())).findFirst();
    }

    public <T extends HasMetadata> T one(Class<T> type, String name) {
        return find(type, name).orElseThrow(() -> new NoSuchElementException(
                "no " + type.getSimpleName() + " " + name + " in " + names()));
    }

    /** Custom resources of a kind. */
    public List<GenericKubernetesResource> custom(String kind) {
        return objects.stream()
                .filter(object -> object instanceof GenericKubernetesResource && kind.equals(object.getKind()))
                .map(GenericKubernetesResource.class::cast)
                .toList();
    }

    public GenericKubernetesResource custom(String kind, String name) {
        return custom(kind).stream()
                .filter(object -> name.equals(object.getMetadata().getName()))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("no " + kind + " " + name + " in " + names()));
    }

    /** Every kind present, e.g. to assert a toggle removed one. */
    public List<String> kinds() {
        return objects.stream().map(HasMetadata::getKind).distinct().sorted().toList();
    }

    /** The pod templates of every Deployment, StatefulSet and Job, by workload name. */
    public Map<String, PodTemplateSpec> podTemplates() {
        Map<String, PodTemplateSpec> templates = new java.util.LinkedHashMap<>();
        all(Deployment.class).forEach(d -> templates.put("Deployment/" + d.getMetadata().getName(), d.getSpec().getTemplate()));
        all(StatefulSet.class).forEach(s -> templates.put("StatefulSet/" + s.getMetadata().getName(), s.getSpec().getTemplate()));
        all(Job.class).forEach(j -> templates.put("Job/" + j.getMetadata().getName(), j.getSpec().getTemplate()));
        return templates;
    }

    private List<String> names() {
        return objects.stream().map(object -> object.getKind() + "/" + object.getMetadata().getName()).toList();
    }
}
