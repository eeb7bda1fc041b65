package dev.devserver.image;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.ContainerConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The check of an engine's first commit: the configurations as Podman 4.3 answers them for a base (built) and for
 * commits of a container of it, made through its compatible API (what devserver did before) and its own one.
 */
class LayerCommitTest {
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final Map<String, String> LAYER = Map.of("dev.devserver.code-layers", "1");
    private static final String BASE = "{\"User\":\"nobody\",\"ExposedPorts\":{\"8080/tcp\":{}},"
            + "\"Env\":[\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\",\"FOO=bar\"],"
            + "\"Cmd\":[\"sh\",\"-c\",\"echo hi\"],\"WorkingDir\":\"/app\",\"Entrypoint\":null,"
            + "\"Labels\":{\"a\":\"1\",\"dev.devserver.project\":\"/x\",\"io.buildah.version\":\"1.28.2\"}}";

    private static ContainerConfig config(String json) throws Exception {
        return JSON.readValue(json, ContainerConfig.class);
    }

    @Test
    void podmansCommitOfItsOwnHelperKeepsTheBase() throws Exception {
        String committed = BASE.replace("\"Entrypoint\":null", "\"Entrypoint\":[]")
                .replace("\"a\":\"1\",", "\"a\":\"1\",\"dev.devserver.code-layers\":\"1\",");
        assertEquals(List.of(), LayerCommit.differences(config(BASE), config(committed), LAYER),
                "an empty entrypoint is none, as the base's");
    }

    @Test
    void theCompatibleCommitsLostLabelAndAddedEnvironmentAreSeen() throws Exception {
        String committed = BASE.replace("\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\",\"FOO=bar\"",
                "\"FOO=bar\",\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\",\"TERM=xterm\",\"container=podman\"");
        List<String> differences = LayerCommit.differences(config(BASE), config(committed), LAYER);
        assertEquals(2, differences.size(), differences.toString());
        assertEquals("environment", differences.get(0).substring(0, "environment".length()), differences.toString());
        assertEquals("labels", differences.get(1).substring(0, "labels".length()), differences.toString());
    }

    @Test
    void theEnvironmentsOrderAndEveryOtherFieldCount() throws Exception {
        String reordered = BASE.replace("\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\",\"FOO=bar\"",
                "\"FOO=bar\",\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"")
                .replace("\"a\":\"1\",", "\"a\":\"1\",\"dev.devserver.code-layers\":\"1\",");
        assertEquals(1, LayerCommit.differences(config(BASE), config(reordered), LAYER).size());
        String other = BASE.replace("nobody", "root").replace("8080/tcp", "9090/tcp").replace("echo hi", "echo ho")
                .replace("\"WorkingDir\":\"/app\"", "\"WorkingDir\":\"\"").replace("\"Entrypoint\":null", "\"Entrypoint\":[\"tini\"]")
                .replace("\"a\":\"1\",", "\"a\":\"1\",\"dev.devserver.code-layers\":\"1\",");
        assertEquals(5, LayerCommit.differences(config(BASE), config(other), LAYER).size(),
                LayerCommit.differences(config(BASE), config(other), LAYER).toString());
    }
}
