package dev.devserver.secrets;

import dev.devserver.DevserverException;

import java.util.regex.Pattern;

/** Kubernetes' rules for secret names (DNS-1123 subdomain) and data keys (IsConfigMapKey), with messages that say the fix. */
public final class SecretNames {
    public static final int MAX_LENGTH = 253;
    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern KEY = Pattern.compile("[-._a-zA-Z0-9]+");

    private SecretNames() {
    }

    public static boolean isName(String name) {
        return name != null && name.length() <= MAX_LENGTH && SUBDOMAIN.matcher(name).matches();
    }

    /** Null when {@code key} is a valid secret key, else why not (the key is not secret, so it may be quoted). */
    public static String keyProblem(String key) {
        if (key == null || key.isEmpty()) {
            return "a secret key must not be empty";
        }
        if (key.length() > MAX_LENGTH) {
            return "secret key `" + key.substring(0, 20) + "…` is " + key.length() + " characters long; at most " + MAX_LENGTH;
        }
        if (!KEY.matcher(key).matches()) {
            return "secret key `" + key + "` is invalid: use only letters, digits, `-`, `_` and `.` (e.g. MY_SECRET)";
        }
        if (key.equals(".") || key.startsWith("..")) {
            return "secret key `" + key + "` is invalid: it must not be `.` or start with `..`";
        }
        return null;
    }

    static void checkName(String name) {
        if (!isName(name)) {
            throw new DevserverException("secret name `" + name + "` is invalid: use at most " + MAX_LENGTH
                    + " lowercase letters, digits, `-` and `.`, starting and ending with a letter or digit (e.g. my-secrets)");
        }
    }

    static void checkKey(String key) {
        String problem = keyProblem(key);
        if (problem != null) {
            throw new DevserverException(problem);
        }
    }
}
