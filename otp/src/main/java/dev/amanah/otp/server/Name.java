package dev.amanah.otp.server;

import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import java.util.Objects;
import java.util.Optional;

/**
 * A name a {@link GenServer} can be started under and reached by: a local name in the node's
 * process registry ({@link Processes#register}) or a key {@code via} a {@link ViaRegistry}
 * (OTP's {@code {:via, Registry, {registry, key}}}).
 */
public sealed interface Name {

    /** A local name, as {@code name: :stats}; the same namespace as {@link Processes#register}. */
    static Name local(String name) {
        return new Local(name);
    }

    /** A key in {@code registry}, as {@code name: {:via, Registry, {registry, key}}}. */
    static Name via(ViaRegistry registry, Object key) {
        return new Via(registry, key);
    }

    /** The live process that holds this name now, if any. */
    Optional<Pid> whereis();

    /**
     * A local name.
     *
     * @param name the registered name
     */
    record Local(String name) implements Name {
        public Local {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public Optional<Pid> whereis() {
            return Processes.whereis(name);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * A key in a {@link ViaRegistry}.
     *
     * @param registry where the name lives
     * @param key      the name in it
     */
    record Via(ViaRegistry registry, Object key) implements Name {
        public Via {
            Objects.requireNonNull(registry, "registry");
            Objects.requireNonNull(key, "key");
        }

        @Override
        public Optional<Pid> whereis() {
            return registry.whereisName(key);
        }

        @Override
        public String toString() {
            return "{via, " + registry + ", " + key + "}";
        }
    }
}
