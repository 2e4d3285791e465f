/** Repurpose nlp module. */
package io.repurpose.nlp;
