/** Repurpose linkpred module. */
package io.repurpose.linkpred;
