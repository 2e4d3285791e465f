package io.repurpose.api;

import io.micronaut.runtime.Micronaut;

/** The Repurpose HTTP application. */
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
