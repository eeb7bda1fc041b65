package dev.devserver.serving;

/**
 * Which Knative service a route leads to: its namespace, its name ({@code <service>-<function>} for serverless.yml
 * functions, also the configuration name) and the serverless.yml function (the service's own name when applied through
 * the API).
 */
public record ServiceId(String namespace, String knativeService, String function) {
}
