package dev.devserver.secrets;

import java.util.List;

/** What may be shown about a secret to anyone: its name and its key names, never its values. */
public record SecretInfo(String name, List<String> keys) {
    public SecretInfo {
        keys = List.copyOf(keys);
    }
}
