package io.herald.delivery;

import io.herald.mail.MailAsset;
import io.herald.template.CompiledTemplate;
import jakarta.mail.internet.InternetAddress;
import java.util.List;

/**
 * What every message of a campaign shares: sender, compiled template, files, delivery policy and rate limit
 * (messages per second, 0 = none), the list it goes to (List-Id), and the sending account it goes through with its
 * fallback (null: none); loaded once per partition.
 */
public record SendingContext(long campaignId, InternetAddress from, InternetAddress replyTo, CompiledTemplate template,
                             List<MailAsset> attachments, List<MailAsset> inlineImages, RetrySchedule retry,
                             UnknownPolicy unknownPolicy, int maxSendErrors, int maxPerSecond, long listId,
                             String listName, String account, String fallbackAccount) {
}
