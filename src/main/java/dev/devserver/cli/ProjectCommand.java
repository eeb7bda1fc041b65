package dev.devserver.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** A verb that works on one project and writes to picocli's streams: the two fields every such verb declared. */
abstract class ProjectCommand implements Callable<Integer> {
    @Mixin
    ProjectOptions project;

    @Spec
    CommandSpec spec;
}
