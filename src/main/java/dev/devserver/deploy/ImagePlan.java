package dev.devserver.deploy;

import dev.devserver.DevserverException;

/**
 * Where the target cluster gets the images from: this machine's engine (a `devserver cluster` here runs on it, so
 * nothing is pushed), or a registry they are pushed to first. Decided before anything is built or applied.
 *
 * @param registry the prefix images are pushed under, or null when the cluster uses the local engine's images
 * @param reason   one line saying why, for the user
 */
public record ImagePlan(String registry, String reason) {

    /**
     * @param registry    --registry, else provider.registry; null or blank for none
     * @param localEngine the target is a devserver on this machine, which runs containers on the same engine
     * @param server      the API's URL, for the messages
     */
    public static ImagePlan decide(String registry, boolean localEngine, String server) {
        boolean given = registry != null && !registry.isBlank();
        if (localEngine) {
            return new ImagePlan(null, "the cluster at " + server + " is a devserver on this machine: it runs this"
                    + " engine's images, nothing is pushed" + (given ? " (not even to " + registry.strip() + ")" : ""));
        }
        if (!given) {
            throw new DevserverException("The cluster at " + server + " cannot see this machine's images: give"
                    + " --registry REGISTRY (e.g. registry.gitlab.com/group/project, or provider.registry in serverless.yml)"
                    + " to push them there first, after `docker login REGISTRY`.");
        }
        String prefix = registry.strip().replaceAll("/+$", "");
        return new ImagePlan(prefix, "the cluster at " + server + " pulls images from " + prefix + ": pushing them there");
    }

    public boolean push() {
        return registry != null;
    }

    /** The image the cluster runs for a locally built {@code name:tag}. */
    public String image(String built) {
        return registry == null ? built : registry + "/" + built;
    }
}
