package io.repurpose.api;

import java.util.List;

import io.micronaut.serde.annotation.Serdeable;

/**
 * One page of a longer result.
 *
 * @param items  this page
 * @param total  how many results there are in all
 * @param limit  the page size asked for
 * @param offset how many results were skipped
 * @param <T>    item type
 */
@Serdeable
public record Page<T>(List<T> items, long total, int limit, int offset) {
}
