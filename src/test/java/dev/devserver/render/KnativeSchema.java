package dev.devserver.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** The v1 OpenAPI schema of Knative's Service CRD, from src/test/resources/schema (see the README there). */
final class KnativeSchema {
    private KnativeSchema() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> serviceV1() {
        try (InputStream in = KnativeSchema.class.getResourceAsStream("/schema/knative-serving-service-crd.yaml")) {
            Map<String, Object> crd = new Yaml().load(in);
            Map<String, Object> spec = (Map<String, Object>) crd.get("spec");
            for (Map<String, Object> version : (List<Map<String, Object>>) spec.get("versions")) {
                if ("v1".equals(version.get("name"))) {
                    return (Map<String, Object>) ((Map<String, Object>) version.get("schema")).get("openAPIV3Schema");
                }
            }
            throw new IllegalStateException("no v1 version in the Knative Service CRD");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Errors plus unknown-but-preserved fields: both mean the rendered Service is not what Knative documents. */
    static List<String> problems(Map<String, Object> service) {
        return OpenApiValidator.validate(serviceV1(), service).problems();
    }
}
