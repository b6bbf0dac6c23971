package io.herald.campaign;

import io.herald.recipient.RecipientList;
import io.herald.schedule.Priority;
import io.herald.template.Template;

/** What a campaign is made of, checked: the body of POST /campaigns or PUT /campaigns/{id} once CampaignService.draft accepted it. */
record CampaignDraft(String name, Template template, RecipientList list, String fromAddress, String fromName,
                     String replyTo, CampaignSettings settings, Priority priority) {

    static final int MAX_NAME = 200;
}
