package io.herald.template;

import java.time.Instant;

/** One item of GET /templates: what a list of templates shows, and how many campaigns use the template. */
public record TemplateSummary(long id, String name, String subject, Instant createdAt, Instant updatedAt,
                              long campaigns) {
}
