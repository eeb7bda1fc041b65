package dev.devserver.api.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devserver.DevserverException;
import dev.devserver.secrets.SecretNames;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.vertx.ext.web.RoutingContext;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Writes of secrets: create, replace (409 on a stale resourceVersion), the four patch types including server-side
 * apply, delete; dry run and strict field validation as kube-apiserver does them. Errors name keys, never values.
 */
final class SecretsApi {
    private static final ResourceType TYPE = Catalog.SECRETS;
    private static final String WRITE_KIND = "Secret in version \"v1\"";
    private final Path projectDir;
    private final Supplier<List<String>> namespaces;

    /** @param namespaces every namespace served, for the list across namespaces */
    SecretsApi(Path projectDir, Supplier<List<String>> namespaces) {
        this.projectDir = projectDir;
        this.namespaces = namespaces;
    }

    /** The secrets of the path's namespace (the guard has checked that it exists). */
    private SecretObjects secrets(RoutingContext ctx) {
        return in(ctx.pathParam("namespace"));
    }

    private SecretObjects in(String namespace) {
        return new SecretObjects(projectDir, namespace);
    }

    Reads reads() {
        return new Reads(TYPE, ns -> ns != null ? in(ns).list()
                : namespaces.get().stream().flatMap(n -> in(n).list().stream()).toList());
    }

    /** Removes every secret of a namespace being deleted. */
    void deleteAll(String namespace) {
        SecretObjects objects = in(namespace);
        objects.list().forEach(o -> objects.delete(o.path("metadata").path("name").asText()));
    }

    void create(RoutingContext ctx) {
        write(ctx, WRITE_KIND, request -> {
            Secret secret = StrictDecoding.decode(request.body(), Secret.class, request.strict());
            if (secrets(ctx).get(name(secret)).isPresent()) {
                KubeReplies.alreadyExists(ctx, TYPE, name(secret));
                return;
            }
            store(ctx, request, secret, 201);
        });
    }

    void replace(RoutingContext ctx) {
        write(ctx, WRITE_KIND, request -> {
            Secret secret = StrictDecoding.decode(request.body(), Secret.class, request.strict());
            String name = ctx.pathParam("name");
            if (secret.getMetadata() != null && secret.getMetadata().getName() != null && !name.equals(name(secret))) {
                KubeReplies.badRequest(ctx, "the name of the object (" + name(secret) + ") does not match the name on the URL ("
                        + name + ")");
                return;
            }
            Optional<Secret> current = secrets(ctx).get(name);
            if (current.isEmpty()) {
                KubeReplies.notFound(ctx, TYPE, name);
                return;
            }
            String given = secret.getMetadata() == null ? null : secret.getMetadata().getResourceVersion();
            if (given != null && !given.isEmpty() && !given.equals(current.get().getMetadata().getResourceVersion())) {
                KubeReplies.conflict(ctx, TYPE, name);
                return;
            }
            store(ctx, request, secret, 200);
        });
    }

    void patch(RoutingContext ctx) {
        write(ctx, WRITE_KIND, request -> {
            String name = ctx.pathParam("name");
            String type = ctx.request().getHeader("Content-Type");
            Optional<Secret> current = secrets(ctx).get(name);
            if (type != null && type.startsWith(Patches.APPLY)) {
                apply(ctx, request, name, current);
                return;
            }
            if (current.isEmpty()) {
                KubeReplies.notFound(ctx, TYPE, name);
                return;
            }
            JsonNode patched;
            try {
                patched = Patches.apply(type, KubeJson.tree(current.get()), request.body());
            } catch (IllegalArgumentException e) {
                KubeReplies.failure(ctx, type != null && type.startsWith(Patches.JSON_PATCH) ? 422 : 415,
                        type != null && type.startsWith(Patches.JSON_PATCH) ? "Invalid" : "UnsupportedMediaType", e.getMessage(), null);
                return;
            }
            Secret secret = StrictDecoding.decode(patched, Secret.class, request.strict());
            if (secret.getStringData() == null || secret.getStringData().isEmpty()) {
                secret.setStringData(null);
            }
            store(ctx, request, secret, 200);
        });
    }

    void delete(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        if (secrets(ctx).get(name).isEmpty()) {
            KubeReplies.notFound(ctx, TYPE, name);
            return;
        }
        if (!"All".equals(ctx.request().getParam("dryRun"))) {
            secrets(ctx).delete(name);
        }
        ObjectNode status = KubeJson.MAPPER.createObjectNode().put("kind", "Status").put("apiVersion", "v1")
                .put("status", "Success");
        status.putObject("metadata");
        status.putObject("details").put("name", name).put("kind", TYPE.plural())
                .put("uid", KnativeObjects.uid("Secret", secrets(ctx).namespace(), name));
        KubeReplies.json(ctx, status);
    }

    /** Server-side apply ({@link SecretApply}): a fieldManager is required. */
    private void apply(RoutingContext ctx, WriteRequest request, String name, Optional<Secret> current)
            throws StrictDecoding.Refused {
        String manager = request.fieldManager();
        if (manager == null || manager.isBlank()) {
            KubeReplies.badRequest(ctx, "PATCH of type apply-patch+yaml requires a fieldManager");
            return;
        }
        Secret applied = StrictDecoding.decode(request.body(), Secret.class, request.strict());
        if (applied.getMetadata() == null) {
            applied.setMetadata(new ObjectMeta());
        }
        applied.getMetadata().setName(name);
        Map<String, String> appliedData = encodedData(applied);
        if (current.isEmpty()) {
            applied.setData(appliedData);
            applied.setStringData(null);
            applied.getMetadata().setManagedFields(List.of(SecretApply.managed(manager, appliedData.keySet())));
            store(ctx, request, applied, 201);
            return;
        }
        store(ctx, request, SecretApply.merge(current.get(), applied, appliedData, manager), 200);
    }

    /** Validates, then stores (unless dry run) and answers with the object as now stored. */
    private void store(RoutingContext ctx, WriteRequest request, Secret secret, int code) {
        String name = name(secret);
        String pathNamespace = ctx.pathParam("namespace");
        String given = secret.getMetadata().getNamespace();
        if (given != null && !given.isEmpty() && !given.equals(pathNamespace)) {
            KubeReplies.badRequest(ctx, "the namespace of the provided object does not match the namespace sent on the request");
            return;
        }
        List<StatusCause> causes = new ArrayList<>();
        if (name == null || name.isEmpty()) {
            causes.add(KubeReplies.cause("FieldValueRequired", "metadata.name", "Required value: name or generateName is required"));
        } else if (!SecretNames.isName(name)) {
            causes.add(KubeReplies.cause("FieldValueInvalid", "metadata.name", "Invalid value: \"" + name
                    + "\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.'"));
        }
        Map<String, String> values = new TreeMap<>();
        Map<String, String> encoded = encodedData(secret);
        for (Map.Entry<String, String> e : encoded.entrySet()) {
            String problem = SecretNames.keyProblem(e.getKey());
            if (problem != null) {
                causes.add(KubeReplies.cause("FieldValueInvalid", "data[" + e.getKey() + "]", "Invalid value: " + problem));
                continue;
            }
            String text = text(e.getValue());
            if (text == null) {
                causes.add(KubeReplies.cause("FieldValueInvalid", "data[" + e.getKey() + "]",
                        "Invalid value: devserver keeps secret values as UTF-8 text (the function sees them as environment"
                                + " variables); this one is binary or not valid base64"));
            } else {
                values.put(e.getKey(), text);
            }
        }
        Optional<Secret> current = secrets(ctx).get(name == null ? "" : name);
        if (current.isPresent() && Boolean.TRUE.equals(current.get().getImmutable())
                && !encoded.equals(current.get().getData())) {
            causes.add(KubeReplies.cause("FieldValueForbidden", "data", "Forbidden: field is immutable when `immutable` is set"));
        }
        if (!causes.isEmpty()) {
            KubeReplies.invalid(ctx, TYPE, name, causes);
            return;
        }
        secret.setData(encoded);
        secret.setStringData(null);
        if (secret.getType() == null || secret.getType().isEmpty()) {
            secret.setType("Opaque"); // kube-apiserver's default
        }
        if (!request.dryRun()) {
            secrets(ctx).put(secret, values);
        }
        Secret answer = request.dryRun() ? secret : secrets(ctx).get(name).orElse(secret);
        answer.getMetadata().setNamespace(secrets(ctx).namespace());
        KubeReplies.json(ctx, code, answer);
    }

    /** {@code data} (base64) with {@code stringData} merged over it, as the API server does on write. */
    private static Map<String, String> encodedData(Secret secret) {
        Map<String, String> data = new TreeMap<>(secret.getData() == null ? Map.of() : secret.getData());
        if (secret.getStringData() != null) {
            secret.getStringData().forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(
                    (v == null ? "" : v).getBytes(StandardCharsets.UTF_8))));
        }
        return data;
    }

    /** The value as text, or null when it is not base64 of UTF-8. */
    private static String text(String base64) {
        try {
            byte[] bytes = Base64.getDecoder().decode(base64 == null ? "" : base64);
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return null;
        }
    }

    private static String name(Secret secret) {
        return secret.getMetadata() == null ? null : secret.getMetadata().getName();
    }

    @FunctionalInterface
    interface Write {
        void run(WriteRequest request) throws StrictDecoding.Refused;
    }

    /** Runs a write: a body that does not decode is 400, a store error (disk) 500 with its message. */
    static void write(RoutingContext ctx, String kind, Write write) {
        try {
            write.run(WriteRequest.of(ctx));
        } catch (IllegalArgumentException e) {
            KubeReplies.badRequest(ctx, e.getMessage());
        } catch (StrictDecoding.Refused e) {
            KubeReplies.badRequest(ctx, kind + " cannot be handled as a " + kind.split(" ")[0] + ": " + e.getMessage());
        } catch (DevserverException e) {
            KubeReplies.failure(ctx, 500, "InternalError", e.getMessage(), null);
        }
    }
}
