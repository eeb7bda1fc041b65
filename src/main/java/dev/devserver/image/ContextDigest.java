package dev.devserver.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a build context holds, digested: a fingerprint per entry (mode, link target, bytes), the content hash over all
 * of them and the build arguments (equal hash, equal image), and the hash of everything but the function's code, which
 * says whether the layers below the code can be reused.
 *
 * @param code fingerprints of the entries under {@code function/}, by path
 */
record ContextDigest(String hash, String belowCode, SortedMap<String, String> code) {
    static ContextDigest of(List<ContextEntry> entries, Map<String, String> buildArgs, DigestCache cache) throws IOException {
        MessageDigest all = DigestCache.newSha256();
        MessageDigest below = DigestCache.newSha256();
        SortedMap<String, String> code = new TreeMap<>();
        for (ContextEntry entry : entries) {
            String fingerprint = (entry.executable() ? "x" : "-")
                    + (entry.isLink() ? "link:" + entry.linkTarget() : HexFormat.of().formatHex(cache.digest(entry)));
            byte[] line = (entry.path() + "\0" + fingerprint + "\0").getBytes(StandardCharsets.UTF_8);
            all.update(line);
            if (entry.path().startsWith(BuildContext.CODE_DIRECTORY + "/")) {
                code.put(entry.path(), fingerprint);
            } else {
                below.update(line);
            }
        }
        byte[] args = new TreeMap<>(buildArgs).toString().getBytes(StandardCharsets.UTF_8);
        all.update(args);
        below.update(args);
        return new ContextDigest(HexFormat.of().formatHex(all.digest()).substring(0, 12),
                HexFormat.of().formatHex(below.digest()), code);
    }
}
