package io.herald.people;

import io.herald.mail.AddressNormalizer;
import io.herald.platform.ApiException;
import io.herald.platform.Fields;
import io.herald.recipient.Recipient;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The address a GDPR request is about, matched as Herald matches addresses: by its key (mail/AddressKey: by default
 * the whole address case-insensitive), the recipient table's email_key.
 */
record PersonAddress(String address, String key) {

    /** The path's address, trimmed and checked: 400 naming "address" when it is not one valid mailbox. */
    static PersonAddress of(String raw) {
        String address = Fields.required("address", raw, 320).trim();
        String problem = Fields.addressProblem(address);
        if (problem != null) {
            throw ApiException.badRequest("address", "address '" + address + "' is not a valid e-mail address: " + problem);
        }
        return new PersonAddress(address, Recipient.keyOf(address));
    }

    /**
     * The forms the address may be written in elsewhere, lower-cased: as given, and as sent (the domain as A-labels,
     * which is what SMTP replies and bounce reports quote).
     */
    Set<String> spellings() {
        Set<String> spellings = new LinkedHashSet<>();
        spellings.add(address.toLowerCase(Locale.ROOT));
        AddressNormalizer.Result sent = AddressNormalizer.normalize(address);
        if (sent.valid()) {
            spellings.add(sent.address().toLowerCase(Locale.ROOT));
        }
        return spellings;
    }
}
