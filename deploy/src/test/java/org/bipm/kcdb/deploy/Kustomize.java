package org.bipm.kcdb.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.Yaml;

/**
 * The part of {@code kustomize build} the manifests use, so that the test reads what {@code kubectl apply -k}
 * applies without a kustomize binary: resources (files and directories), secretGenerator from env files (without
 * name hashes), strategic-merge patches matched by kind and name, images, labels on metadata and the namespace. A
 * kustomization with any other field fails the build rather than being rendered wrongly.
 * <p>
 * Patches merge as kustomize merges them: maps key by key, {@code null} removes a key; in Kubernetes' own kinds
 * lists of named elements (containers, env, ports, volumes) merge by name, other lists are replaced; in custom
 * resources (whose merge keys kustomize does not know) every list is replaced.
 */
final class Kustomize {

    private static final Set<String> KNOWN = Set.of("apiVersion", "kind", "resources", "namespace", "labels", "images",
            "patches", "secretGenerator");

    private Kustomize() {
    }

    /**
     * @param examples whether a missing env file of a secretGenerator may be read from its committed
     *                 {@code .example} (the test's stand-in for the site's secrets)
     */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> build(Path dir, boolean examples) {
        Map<String, Object> kustomization = load(dir.resolve("kustomization.yaml")).get(0);
        for (String key : kustomization.keySet()) {
            if (!KNOWN.contains(key)) {
                throw new IllegalArgumentException(dir + ": kustomization field '" + key + "' is not rendered here");
            }
        }
        List<Map<String, Object>> resources = new ArrayList<>();
        for (String resource : strings(kustomization.get("resources"))) {
            Path path = dir.resolve(resource).normalize();
            resources.addAll(Files.isDirectory(path) ? build(path, examples) : load(path));
        }
        for (Map<String, Object> generator : maps(kustomization.get("secretGenerator"))) {
            resources.add(secret(dir, generator, examples));
        }
        for (Map<String, Object> patch : maps(kustomization.get("patches"))) {
            if (patch.keySet().size() != 1 || !patch.containsKey("path")) {
                throw new IllegalArgumentException(dir + ": only patches by path are rendered here: " + patch);
            }
            for (Map<String, Object> document : load(dir.resolve((String) patch.get("path")))) {
                Map<String, Object> target = resources.stream().filter(r -> sameResource(r, document)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(dir + ": patch " + patch.get("path")
                                + " targets " + document.get("kind") + " " + name(document) + ", which is not there"));
                merge(target, document, builtIn(target));
            }
        }
        for (Map<String, Object> image : maps(kustomization.get("images"))) {
            images(resources, image);
        }
        for (Map<String, Object> labels : maps(kustomization.get("labels"))) {
            if (labels.keySet().stream().anyMatch(k -> !k.equals("pairs"))) {
                throw new IllegalArgumentException(dir + ": only labels' pairs are rendered here (not on selectors)");
            }
            resources.forEach(r -> metadata(r).computeIfAbsent("labels", k -> new LinkedHashMap<>()));
            resources.forEach(r -> ((Map<String, Object>) metadata(r).get("labels"))
                    .putAll((Map<String, Object>) labels.get("pairs")));
        }
        if (kustomization.get("namespace") != null) {
            resources.forEach(r -> metadata(r).put("namespace", kustomization.get("namespace")));
        }
        return resources;
    }

    private static Map<String, Object> secret(Path dir, Map<String, Object> generator, boolean examples) {
        Map<String, Object> options = (Map<String, Object>) generator.getOrDefault("options", Map.of());
        if (!Boolean.TRUE.equals(options.get("disableNameSuffixHash"))) {
            throw new IllegalArgumentException(dir + ": secrets are generated without name hashes here");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        for (String env : strings(generator.get("envs"))) {
            Path file = dir.resolve(env);
            if (!Files.exists(file) && examples) {
                file = dir.resolve(env + ".example");
            }
            try {
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        int equals = line.indexOf('=');
                        data.put(line.substring(0, equals), Base64.getEncoder().encodeToString(
                                line.substring(equals + 1).getBytes(StandardCharsets.UTF_8)));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", generator.get("name"));
        Map<String, Object> secret = new LinkedHashMap<>();
        secret.put("apiVersion", "v1");
        secret.put("kind", "Secret");
        secret.put("metadata", metadata);
        secret.put("type", "Opaque");
        secret.put("data", data);
        return secret;
    }

    /** Sets the name and tag of every container image named like the entry. */
    @SuppressWarnings("unchecked")
    private static void images(List<Map<String, Object>> resources, Map<String, Object> image) {
        String name = (String) image.get("name");
        for (Map<String, Object> resource : resources) {
            Object template = path(resource, "spec", "template", "spec");
            if (!(template instanceof Map<?, ?> pod)) {
                continue;
            }
            for (String list : List.of("containers", "initContainers")) {
                for (Map<String, Object> container : maps(((Map<String, Object>) pod).get(list))) {
                    String current = (String) container.get("image");
                    String repository = current.contains(":") ? current.substring(0, current.lastIndexOf(':')) : current;
                    String tag = current.contains(":") ? current.substring(current.lastIndexOf(':') + 1) : "latest";
                    if (repository.equals(name)) {
                        container.put("image", image.getOrDefault("newName", name) + ":"
                                + image.getOrDefault("newTag", tag));
                    }
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    static void merge(Map<String, Object> target, Map<String, Object> patch, boolean builtIn) {
        patch.forEach((key, value) -> {
            Object current = target.get(key);
            if (value == null) {
                target.remove(key);
            } else if (current instanceof Map<?, ?> currentMap && value instanceof Map<?, ?> patchMap) {
                merge((Map<String, Object>) currentMap, (Map<String, Object>) patchMap, builtIn);
            } else if (builtIn && current instanceof List<?> currentList && value instanceof List<?> patchList
                    && named(currentList) && named(patchList)) {
                for (Object element : patchList) {
                    Map<String, Object> patched = (Map<String, Object>) element;
                    Map<String, Object> existing = ((List<Map<String, Object>>) currentList).stream()
                            .filter(e -> e.get("name").equals(patched.get("name"))).findFirst().orElse(null);
                    if (existing == null) {
                        ((List<Object>) currentList).add(patched);
                    } else {
                        merge(existing, patched, true);
                    }
                }
            } else {
                target.put(key, value);
            }
        });
    }

    private static boolean named(List<?> list) {
        return !list.isEmpty() && list.stream().allMatch(e -> e instanceof Map<?, ?> m && m.get("name") != null);
    }

    /** Kubernetes' own kinds: the core group and the k8s.io groups, whose merge keys kustomize knows. */
    static boolean builtIn(Map<String, Object> resource) {
        String apiVersion = (String) resource.get("apiVersion");
        if (!apiVersion.contains("/")) {
            return true;
        }
        String group = apiVersion.substring(0, apiVersion.indexOf('/'));
        return !group.contains(".") || group.endsWith(".k8s.io") && !group.startsWith("k8s.");
    }

    private static boolean sameResource(Map<String, Object> a, Map<String, Object> b) {
        return a.get("kind").equals(b.get("kind")) && name(a).equals(name(b))
                && group(a).equals(group(b));
    }

    private static String group(Map<String, Object> resource) {
        String apiVersion = (String) resource.get("apiVersion");
        return apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    }

    static String name(Map<String, Object> resource) {
        return (String) metadata(resource).get("name");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> metadata(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("metadata");
    }

    @SuppressWarnings("unchecked")
    static Object path(Map<String, Object> map, String... keys) {
        Object current = map;
        for (String key : keys) {
            if (!(current instanceof Map<?, ?>)) {
                return null;
            }
            current = ((Map<String, Object>) current).get(key);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> load(Path file) {
        try {
            List<Map<String, Object>> documents = new ArrayList<>();
            for (Object document : new Yaml().loadAll(Files.readString(file))) {
                if (document != null) {
                    documents.add((Map<String, Object>) document);
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Object list) {
        return list == null ? List.of() : (List<Map<String, Object>>) list;
    }

    @SuppressWarnings("unchecked")
    static List<String> strings(Object list) {
        return list == null ? List.of() : (List<String>) list;
    }
}
