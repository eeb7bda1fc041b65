package dev.devserver.project;

/** How a project was recognised: by its {@code serverless.yml}, or by a lone root {@code Dockerfile}. */
public enum Mode { FUNCTIONS, APPLICATION }
