/**
 * The graph store: every read and write of Repurpose goes through the Neo4j Java driver over Bolt,
 * to the embedded server (a child JVM this package starts) or to an external server or cluster.
 * The only package that imports {@code org.neo4j}.
 */
package io.repurpose.graph;
