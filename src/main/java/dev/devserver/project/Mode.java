package dev.devserver.project;

/**
 * How a project was recognised: by its {@code serverless.yml}, by a lone root {@code Dockerfile}, or none at all:
 * {@code devserver cluster}'s empty Knative, where services and namespaces come through the Kubernetes API.
 */
public enum Mode { FUNCTIONS, APPLICATION, CLUSTER }
