package io.repurpose.api;

/** Checks of the paging parameters shared by every list endpoint. */
final class Paging {
    static final int MAX_LIMIT = 1000;
    static final int MAX_OFFSET = 10_000;

    private Paging() {
    }

    static void check(int limit, int offset) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("invalid-parameter", "limit must be between 1 and " + MAX_LIMIT
                    + ", got " + limit);
        }
        if (offset < 0 || offset > MAX_OFFSET) {
            throw ApiException.badRequest("invalid-parameter", "offset must be between 0 and " + MAX_OFFSET
                    + ", got " + offset);
        }
    }
}
