package dev.sluice.config;

import java.util.List;

/** Settings that cannot work; each problem is one line naming the env var and what it expects. */
public class ConfigurationException extends RuntimeException {

    private final List<String> problems;

    public ConfigurationException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
