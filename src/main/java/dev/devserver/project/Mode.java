package dev.devserver.project;
public enum Mode { FUNCTIONS, APPLICATION }
