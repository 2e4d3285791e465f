/** Repurpose ingest module. */
package io.repurpose.ingest;
