package dev.devserver.api.kube;

import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscoveryBuilder;
import io.fabric8.kubernetes.api.model.version.InfoBuilder;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code /version} and discovery ({@code /api}, {@code /api/v1}, {@code /apis}, {@code /apis/serving.knative.dev/v1}),
 * so kubectl maps {@code ksvc} to its resource and `api-resources` / `api-versions` list them. Unaggregated: clients
 * asking for aggregated discovery accept this form too (they fall back to it).
 */
final class Discovery {
    /** The Kubernetes minor version kubectl 1.32 sees, so it prints no version-skew warning. */
    static final String MINOR = "32";

    private Discovery() {
    }

    static void version(RoutingContext ctx) {
        KubeReplies.json(ctx, new InfoBuilder().withMajor("1").withMinor(MINOR).withGitVersion("v1." + MINOR + ".0-devserver")
                .withGitCommit("devserver").withGitTreeState("clean").withBuildDate("2026-01-01T00:00:00Z")
                .withGoVersion("none (devserver is Java)").withCompiler("javac")
                .withPlatform(System.getProperty("os.name").toLowerCase() + "/" + System.getProperty("os.arch")).build());
    }

    static void coreVersions(RoutingContext ctx) {
        String host = ctx.request().getHeader("Host");
        KubeReplies.json(ctx, new APIVersionsBuilder().withVersions("v1").addNewServerAddressByClientCIDR()
                .withClientCIDR("0.0.0.0/0").withServerAddress(host == null ? "127.0.0.1" : host).endServerAddressByClientCIDR()
                .build());
    }

    static void groups(RoutingContext ctx) {
        var version = new GroupVersionForDiscoveryBuilder().withGroupVersion(Catalog.KNATIVE + "/v1").withVersion("v1").build();
        KubeReplies.json(ctx, new APIGroupListBuilder().withApiVersion("v1").withKind("APIGroupList")
                .withGroups(new APIGroupBuilder().withName(Catalog.KNATIVE).withVersions(version).withPreferredVersion(version)
                        .build()).build());
    }

    static void group(RoutingContext ctx) {
        var version = new GroupVersionForDiscoveryBuilder().withGroupVersion(Catalog.KNATIVE + "/v1").withVersion("v1").build();
        KubeReplies.json(ctx, new APIGroupBuilder().withApiVersion("v1").withKind("APIGroup").withName(Catalog.KNATIVE)
                .withVersions(version).withPreferredVersion(version).build());
    }

    static void core(RoutingContext ctx) {
        List<APIResource> resources = new ArrayList<>(resources(Catalog.CORE));
        resources.add(new APIResourceBuilder().withName("pods/log").withNamespaced(true).withKind("Pod")
                .withVerbs("get").withSingularName("").build());
        resources.add(new APIResourceBuilder().withName("namespaces/status").withNamespaced(false).withKind("Namespace")
                .withVerbs("get").withSingularName("").build());
        KubeReplies.json(ctx, new APIResourceListBuilder().withApiVersion("v1").withKind("APIResourceList")
                .withGroupVersion("v1").withResources(resources).build());
    }

    static void serving(RoutingContext ctx) {
        KubeReplies.json(ctx, new APIResourceListBuilder().withApiVersion("v1").withKind("APIResourceList")
                .withGroupVersion(Catalog.KNATIVE + "/v1").withResources(resources(Catalog.SERVING)).build());
    }

    private static List<APIResource> resources(List<ResourceType> types) {
        List<APIResource> out = new ArrayList<>();
        for (ResourceType t : types) {
            out.add(new APIResourceBuilder().withName(t.plural()).withSingularName(t.singular()).withNamespaced(t.namespaced())
                    .withKind(t.kind()).withVerbs(t.verbs()).withShortNames(t.shortNames().isEmpty() ? null : t.shortNames())
                    .withCategories(t.categories().isEmpty() ? null : t.categories()).build());
            if (!t.group().isEmpty()) {
                out.add(new APIResourceBuilder().withName(t.plural() + "/status").withSingularName("").withNamespaced(true)
                        .withKind(t.kind()).withVerbs("get").build());
            }
        }
        return out;
    }
}
