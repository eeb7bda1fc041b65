package dev.devserver;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.emitter.Emitter;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;
import org.yaml.snakeyaml.serializer.Serializer;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Plain maps and lists as YAML text (kubeconfigs, manifests, `-o yaml`), in the caller's style: what
 * {@code new Yaml(options).dump(data)} writes, through snakeyaml's representer, serializer and emitter only.
 * {@code Yaml} also makes a constructor, whose first use sets up a java.util.logging logger; in a short CLI run that
 * starts the log manager, which reads every jar on the class path first (about 0.1 s).
 */
public final class YamlWriter {
    private YamlWriter() {
    }

    public static String dump(Object data, DumperOptions options) {
        StringWriter out = new StringWriter();
        Serializer serializer = new Serializer(new Emitter(out, options), new Resolver(), options, null); // no explicit root tag, as dump() writes it
        try {
            serializer.open();
            serializer.serialize(new Representer(options).represent(data));
            serializer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }
}
