package dev.devserver.serving;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.PullResponseItem;

import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The kubelet's image pull, for an image a Knative Service names that this machine lacks. */
final class ImagePull {
    private ImagePull() {
    }

    /**
     * Pulls an image a Knative Service names but this machine lacks, as the kubelet would; a registry that cannot be
     * reached or does not have it is named in the error with the fix. Without a tag, {@code latest} as Kubernetes does.
     */
    static void pull(DockerClient docker, String image) {
        String last = image.substring(image.lastIndexOf('/') + 1);
        String reference = image.contains("@") || last.contains(":") ? image : image + ":latest";
        Throwable[] failed = new Throwable[1];
        try {
            // Not docker-java's PullImageResultCallback: its onError logs a stack trace; the failure is reported below.
            docker.pullImageCmd(reference).exec(new ResultCallback.Adapter<PullResponseItem>() {
                @Override
                public void onNext(PullResponseItem item) {
                    if (item.getErrorDetail() != null && failed[0] == null) {
                        failed[0] = new IllegalStateException(item.getErrorDetail().getMessage());
                    }
                }

                @Override
                public void onError(Throwable error) {
                    failed[0] = error;
                    onComplete();
                }
            }).awaitCompletion(PULL_MINUTES, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed[0] = e;
        } catch (RuntimeException e) {
            failed[0] = e;
        }
        if (failed[0] != null) {
            throw new IllegalStateException("image \"" + reference + "\" is not on this machine and cannot be pulled ("
                    + engineMessage(failed[0]) + "): build or load it first (docker build -t " + reference
                    + " …, or an image `devserver build` made), or fix the name");
        }
    }

    private static final int PULL_MINUTES = 5;

    /** The engine's own words from docker-java's "Status 500: {"message":"…"}". */
    private static String engineMessage(Throwable e) {
        String text = String.valueOf(e.getMessage()).strip();
        Matcher m = Pattern.compile("\"message\":\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(text);
        return m.find() ? m.group(1).replace("\\\"", "\"") : text;
    }
}
