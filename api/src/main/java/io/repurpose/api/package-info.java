/**
 * The runnable application: the Micronaut HTTP API under {@code /api/v1}, the command line
 * ({@link io.repurpose.api.Main}), configuration binding and wiring of the other modules, and the
 * scheduled ingestion. The only package that imports {@code io.micronaut}.
 */
package io.repurpose.api;
