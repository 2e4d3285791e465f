package io.repurpose.api;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Documents in (queued for ingestion through the NLP pipeline), jobs out. POST needs an ingest key. */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "ingestion")
final class DocumentController {
    static final Pattern DOCUMENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9:._\\-]{0,99}");
    static final int MAX_TEXT_CHARS = 1_000_000;

    private final IngestService ingest;
    private final ObjectMapper json;

    DocumentController(IngestService ingest, ObjectMapper json) {
        this.ingest = ingest;
        this.json = json;
    }

    /**
     * A text document.
     *
     * @param id     document id, unique across sources ({@code note:123}, {@code PMID:29768149}); generated if absent
     * @param text   the text
     * @param title  title
     * @param year   publication year
     * @param source source name stored with the document (default {@code api})
     */
    @Serdeable
    record DocumentRequest(@Nullable String id, String text, @Nullable String title, @Nullable Integer year,
                           @Nullable String source) {
    }

    @Post(uri = "/documents", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Queue a text document for ingestion", description = "202 with the job; poll GET /jobs/{id}.")
    @ApiResponse(responseCode = "202", description = "queued")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(
            schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = DocumentRequest.class)))
    HttpResponse<IngestService.JobView> postJson(@Body byte[] body,
                                                 @Header(HttpHeaders.CONTENT_TYPE) @Nullable String contentType) {
        // bytes first: the JSON parser lets invalid UTF-8 (overlong forms, surrogates) through
        DocumentRequest request;
        try {
            request = json.readValue(decode(body, contentType), DocumentRequest.class);
        } catch (java.io.IOException e) {
            throw ApiException.badRequest("invalid-body", "not a JSON document request: " + e.getMessage());
        }
        if (request == null) {
            throw ApiException.badRequest("invalid-body", "empty JSON body");
        }
        String id = request.id() == null || request.id().isBlank() ? "api:" + UUID.randomUUID() : request.id();
        check(id, request.text());
        if (request.year() != null && (request.year() < 1800 || request.year() > 2100)) {
            throw ApiException.badRequest("invalid-parameter", "year out of range: " + request.year());
        }
        return accepted(ingest.submitText(id, request.text(), request.title(), request.year(), request.source()));
    }

    @Post(uri = "/documents", consumes = MediaType.TEXT_PLAIN, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Queue a plain-text document (id from ?id=, else generated)")
    HttpResponse<IngestService.JobView> postText(@Body byte[] body, @QueryValue @Nullable String id,
                                                 @QueryValue @Nullable String title,
                                                 @Header(HttpHeaders.CONTENT_TYPE) @Nullable String contentType) {
        String text = decode(body, contentType);
        String docId = id == null || id.isBlank() ? "api:" + UUID.randomUUID() : id;
        check(docId, text);
        return accepted(ingest.submitText(docId, text, title, null, null));
    }

    @Post(uri = "/documents", consumes = {MediaType.APPLICATION_XML, MediaType.TEXT_XML},
            produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Queue PubMed/MEDLINE XML (a PubmedArticleSet) for ingestion",
            description = "Parsed by the ingest module's XXE-safe reader; bad records are quarantined.")
    HttpResponse<IngestService.JobView> postXml(@Body byte[] xml) {
        if (xml.length == 0) {
            throw ApiException.badRequest("invalid-body", "empty XML body");
        }
        return accepted(ingest.submitFile(".xml", xml));
    }

    @Get(uri = "/jobs/{id}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "An ingestion job: status, counts, errors")
    IngestService.JobView job(@PathVariable String id) {
        IngestService.JobView j = ingest.job(id);
        if (j == null) {
            throw ApiException.notFound("no job '" + id + "' (jobs are kept in memory until restart)", null);
        }
        return j;
    }

    @Get(uri = "/jobs", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Recent ingestion jobs, newest first (API and scheduled)")
    List<IngestService.JobView> jobs() {
        return ingest.jobs();
    }

    private static void check(String id, @Nullable String text) {
        if (!DOCUMENT_ID.matcher(id).matches()) {
            throw ApiException.badRequest("invalid-parameter", "document id must be 1-100 letters, digits or "
                    + ":._- starting with a letter or digit");
        }
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest("invalid-body", "text is empty");
        }
        if (text.length() > MAX_TEXT_CHARS) {
            throw ApiException.badRequest("invalid-body", "text longer than " + MAX_TEXT_CHARS + " characters");
        }
        if (text.indexOf('\u0000') >= 0) {
            throw ApiException.badRequest("invalid-body", "text contains NUL characters");
        }
    }

    /** The body in its declared charset (UTF-8 by default), strictly: invalid bytes are a 400, not U+FFFD. */
    static String decode(byte[] body, @Nullable String contentType) {
        java.nio.charset.Charset charset = java.nio.charset.StandardCharsets.UTF_8;
        try {
            if (contentType != null) {
                charset = MediaType.of(contentType).getCharset().orElse(charset);
            }
            return charset.newDecoder().decode(java.nio.ByteBuffer.wrap(body)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw ApiException.badRequest("invalid-body", "the body is not valid " + charset.name());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid-body", "unknown charset in Content-Type: " + contentType);
        }
    }

    private static HttpResponse<IngestService.JobView> accepted(IngestService.JobView job) {
        return HttpResponse.accepted(URI.create("/api/v1/jobs/" + job.id())).body(job);
    }

}
