/** The child-JVM entry point that hosts the embedded Neo4j server with its own classpath. */
package io.repurpose.graph.server;
