package io.herald.delivery;

import io.herald.mail.MailAsset;
import io.herald.template.CompiledTemplate;
import jakarta.mail.internet.InternetAddress;
import java.util.List;

/** What every message of a campaign shares: sender, compiled template, files and delivery policy; loaded once per step. */
public record SendingContext(long campaignId, InternetAddress from, InternetAddress replyTo, CompiledTemplate template,
                             List<MailAsset> attachments, List<MailAsset> inlineImages, RetrySchedule retry,
                             UnknownPolicy unknownPolicy, int maxSendErrors) {
}
