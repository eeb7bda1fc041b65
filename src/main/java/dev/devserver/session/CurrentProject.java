package dev.devserver.session;

import dev.devserver.project.Project;

import java.util.function.Supplier;

/**
 * The one holder of the project a running `up` serves: serving, the API, the watcher and the reloader all read it
 * here, and only the reloader replaces it (after an edited serverless.yml loaded without problems).
 */
final class CurrentProject implements Supplier<Project> {
    private volatile Project project;

    CurrentProject(Project project) {
        this.project = project;
    }

    @Override
    public Project get() {
        return project;
    }

    void set(Project changed) {
        project = changed;
    }
}
