package io.herald.template;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.herald.platform.ApiException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The files of a template: size limits and header-safe names, each refusal naming the field and the limit. */
class TemplateServiceTest {

    private static final int MIB = 1024 * 1024;

    private static Template template() {
        return new Template("t", "s", null, "text", Instant.EPOCH);
    }

    private static TemplateRequest.AssetRequest file(String filename, int size) {
        return new TemplateRequest.AssetRequest(filename, "application/octet-stream", null, base64(bytes(size)));
    }

    private static byte[] bytes(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    private static String base64(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }

    private static ApiException refused(Runnable request) {
        ApiException e = assertThrows(ApiException.class, request::run);
        assertEquals(400, e.status());
        return e;
    }

    @Test
    void fileOfExactlyTenMebibytesIsKeptIntact() {
        byte[] data = bytes(10 * MIB);

        assertArrayEquals(data, TemplateService.decode("attachments[0].content", base64(data)));
    }

    @Test
    void fileOfTenMillionBytesInMimeBase64WithLineBreaksIsAccepted() {
        byte[] data = bytes(10_000_000);
        String mime = Base64.getMimeEncoder().encodeToString(data);    // 76-character lines joined by CRLF

        assertArrayEquals(data, TemplateService.decode("attachments[0].content", mime));
    }

    @Test
    void fileOneByteOverTenMebibytesIsRefusedNamingFieldAndLimit() {
        ApiException e = refused(() -> TemplateService.decode("attachments[0].content", base64(bytes(10 * MIB + 1))));

        assertEquals("attachments[0].content", e.field());
        assertEquals("attachments[0].content is 10485761 bytes after base64 decoding; a file may have at most "
                + "10485760 bytes (10 MiB)", e.getMessage());
    }

    @Test
    void unpaddedBase64IsMeasuredRight() {
        assertEquals(1, TemplateService.decode("c", "AA").length);
        assertEquals(2, TemplateService.decode("c", "AAA").length);
        assertEquals(2, TemplateService.decode("c", "AAA=").length);
    }

    @Test
    void templateFilesMayTotalTwentyMebibytes() {
        Template t = template();
        long total = TemplateService.addAssets(t, "attachments",
                List.of(file("a.bin", 10 * MIB), file("b.bin", 10 * MIB)), false, 0);

        assertEquals(20L * MIB, total);
        assertEquals(2, t.getAssets().size());
    }

    @Test
    void fileThatTakesTheTemplateOverTwentyMebibytesIsRefusedNamingIt() {
        ApiException e = refused(() -> TemplateService.addAssets(template(), "attachments",
                List.of(file("a.bin", 10 * MIB), file("b.bin", 10 * MIB), file("c.bin", 1)), false, 0));

        assertEquals("attachments[2].content", e.field());
        assertEquals("with attachments[2] the template's files total 20971521 bytes; a template may have at most "
                + "20971520 bytes (20 MiB) of files", e.getMessage());
    }

    @Test
    void inlineImagesCountTowardsTheSameTotal() {
        var image = new TemplateRequest.AssetRequest("logo.png", "image/png", "logo", base64(bytes(2)));

        ApiException e = refused(() -> TemplateService.addAssets(template(), "inlineImages", List.of(image), true, 20L * MIB - 1));
        assertEquals("inlineImages[0].content", e.field());
    }

    @Test
    void controlCharactersInFileHeadersAreRefusedNamingTheField() {
        String content = base64(bytes(3));
        assertEquals("attachments[0].filename", refused(() -> TemplateService.addAssets(template(), "attachments",
                List.of(new TemplateRequest.AssetRequest("a\tb.pdf", "application/pdf", null, content)), false, 0)).field());
        assertEquals("inlineImages[0].contentId", refused(() -> TemplateService.addAssets(template(), "inlineImages",
                List.of(new TemplateRequest.AssetRequest("l.png", "image/png", "logo\u0000", content)), true, 0)).field());
        ApiException e = refused(() -> TemplateService.addAssets(template(), "attachments",
                List.of(new TemplateRequest.AssetRequest("a.pdf", "application/pdf\u000B", null, content)), false, 0));
        assertEquals("attachments[0].contentType", e.field());
        assertEquals("attachments[0].contentType contains a control character (U+000B) at position 16 "
                + "(CR or LF and other control characters must not go into a mail header)", e.getMessage());
    }
}
