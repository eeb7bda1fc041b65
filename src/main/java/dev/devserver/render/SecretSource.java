package dev.devserver.render;

import java.util.Map;
import java.util.Optional;

/**
 * Where {@code render --secrets} reads secret values. An interface of its own so rendering does not depend on how
 * the local store keeps them ({@code dev.devserver.secrets.SecretStore::get} fits it).
 */
@FunctionalInterface
public interface SecretSource {
    /** The secret's key/value pairs, or empty when the store has no secret of that name. */
    Optional<Map<String, String>> get(String name);

    static SecretSource none() {
        return name -> Optional.empty();
    }
}
