package dev.devserver.session;

import dev.devserver.project.FunctionSpec;
import dev.devserver.project.Mode;
import dev.devserver.project.Project;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hot reload compares whole configurations: every field of a function (but its line) rolls out a new revision. */
class RevisionEqualityTest {
    private static final FunctionSpec ECHO = new FunctionSpec("echo", "app-echo", "handler", Path.of("/p/echo"),
            "gitlab/runtimes/nodejs", "says it back", Map.of("A", "1"), List.of("s1"), Map.of("k", "v"),
            Map.of("l", "v"), 10, 7);

    private static Project project(Map<String, String> envs, List<String> secrets, FunctionSpec function) {
        return new Project(Path.of("/p"), Path.of("/p/serverless.yml"), Mode.FUNCTIONS, "app", "", "app-local",
                "localhost", null, envs, secrets, Map.of(), List.of(function), List.of());
    }

    private static Project project(FunctionSpec function) {
        return project(Map.of("P", "1"), List.of("ps"), function);
    }

    @Test
    void everyFieldButTheLineTriggersARollout() throws Exception {
        Project before = project(ECHO);
        List<String> checked = new ArrayList<>();
        for (RecordComponent component : FunctionSpec.class.getRecordComponents()) {
            if (component.getName().equals("line") || component.getName().equals("name")) {
                continue; // the line is position, not configuration; a new name is a new function
            }
            FunctionSpec changed = with(ECHO, component.getName(), other(component.getAccessor().invoke(ECHO)));
            assertFalse(Reloader.sameConfiguration(before, project(changed), changed), component.getName());
            checked.add(component.getName());
        }
        assertTrue(checked.size() >= 10, "checked " + checked);
        FunctionSpec moved = with(ECHO, "line", 42);
        assertTrue(Reloader.sameConfiguration(before, project(moved), moved), "moving a block is no change");
    }

    @Test
    void providerEnvsAndSecretsTriggerARollout() {
        Project before = project(ECHO);
        assertFalse(Reloader.sameConfiguration(before, project(Map.of("P", "2"), List.of("ps"), ECHO), ECHO));
        assertFalse(Reloader.sameConfiguration(before, project(Map.of("P", "1"), List.of("ps", "more"), ECHO), ECHO));
        assertTrue(Reloader.sameConfiguration(before, project(ECHO), ECHO));
    }

    @Test
    void aNewFunctionIsNeverTheSame() throws Exception {
        FunctionSpec other = with(ECHO, "name", "other");
        assertFalse(Reloader.sameConfiguration(project(ECHO), project(other), other));
    }

    /** A value of the same type that differs from {@code value}. */
    @SuppressWarnings("unchecked")
    private static Object other(Object value) {
        if (value instanceof String s) {
            return s + "-changed";
        }
        if (value instanceof Path p) {
            return p.resolve("changed");
        }
        if (value instanceof Integer i) {
            return i + 1;
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, String> copy = new LinkedHashMap<>((Map<String, String>) m);
            copy.put("changed", "yes");
            return copy;
        }
        if (value instanceof List<?> l) {
            List<String> copy = new ArrayList<>((List<String>) l);
            copy.add("changed");
            return copy;
        }
        throw new AssertionError("no variant for a " + value.getClass() + ": teach this test the new field's type");
    }

    private static FunctionSpec with(FunctionSpec spec, String field, Object value) throws ReflectiveOperationException {
        RecordComponent[] components = FunctionSpec.class.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            args[i] = components[i].getName().equals(field) ? value : components[i].getAccessor().invoke(spec);
        }
        return FunctionSpec.class.getDeclaredConstructor(types).newInstance(args);
    }
}
